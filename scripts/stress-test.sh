#!/usr/bin/env bash
# Runs `npm test` in two clones of this repository at once, several rounds in a row, as a busy
# CI machine or a developer with two checkouts would. Each clone gets its own install; the
# suites share nothing but the machine. Prints one line per run and a summary; exits non-zero
# if any run failed or left its clone's work tree dirty.
#
#   scripts/stress-test.sh [rounds]      (default 5; clones HEAD of this repository)
set -euo pipefail

ROUNDS="${1:-5}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hero-stress-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

for clone in a b; do
	git clone --quiet "$ROOT" "$WORK/$clone"
	echo "[stress] installing clone $clone ($(git -C "$WORK/$clone" rev-parse --short HEAD))..." >&2
	(cd "$WORK/$clone" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null 2>&1)
done

passed=0
failed=0
for round in $(seq 1 "$ROUNDS"); do
	for clone in a b; do
		(cd "$WORK/$clone" && npm test -- --silent >"$WORK/$clone.log" 2>&1; echo $? >"$WORK/$clone.status") &
	done
	wait
	for clone in a b; do
		status="$(cat "$WORK/$clone.status")"
		counts="$(grep -E '^Tests:' "$WORK/$clone.log" | tail -n 1)"
		dirty="$(git -C "$WORK/$clone" status --porcelain)"
		if [ "$status" = 0 ] && [ -z "$dirty" ]; then
			passed=$((passed + 1))
			echo "round $round clone $clone: pass ($counts)"
		else
			failed=$((failed + 1))
			echo "round $round clone $clone: FAIL (exit $status; $counts)"
			grep -E '✕|●' "$WORK/$clone.log" | head -n 20 || true
			[ -z "$dirty" ] || echo "  work tree left dirty: $dirty"
		fi
	done
done

echo "two concurrent npm test runs × $ROUNDS rounds: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
