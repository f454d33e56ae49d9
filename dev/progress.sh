#!/usr/bin/env bash
# Sourced by provision.sh: long steps with a progress report, and failures that name their step.
# The report only reads (du, find) and never decides the outcome: npm renames folders while it
# installs, so a walk can meet a folder that has just gone; only the step's own exit code counts.

PROGRESS_EVERY="${PROGRESS_EVERY:-10}"
PROGRESS_LOG="${PROGRESS_LOG:-}"
CURRENT_STEP=""
REPORTED=0

log() { echo "[provision] $*" >&2; }

# What the folder holds so far, never failing: "1.1G on disk, 871 packages" or nothing.
progress_of() {
	local dir="$1" size packages
	size="$( { du -sh "$dir" 2>/dev/null || true; } | cut -f1 | head -n 1)" || size=""
	packages="$( { find "$dir" -maxdepth 3 -name package.json -path '*node_modules*' 2>/dev/null || true; } | wc -l | tr -d ' ')" || packages=0
	local line="${size:-0} on disk"
	[ "${packages:-0}" -gt 0 ] 2>/dev/null && line="$line, $packages packages"
	echo "$line"
}

# step LABEL DIR COMMAND...: runs COMMAND in the background, says how far it has got every
# PROGRESS_EVERY seconds, and on failure says which step failed, with the command's own last
# lines of error, and that running the same command again resumes from this step.
step() {
	local label="$1" dir="$2"
	shift 2
	CURRENT_STEP="$label"
	local started=$SECONDS errors
	errors="$(mktemp)"
	"$@" 2>"$errors" &
	local pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		local waited=0
		while [ "$waited" -lt "$PROGRESS_EVERY" ] && kill -0 "$pid" 2>/dev/null; do
			sleep 1
			waited=$((waited + 1))
		done
		kill -0 "$pid" 2>/dev/null || break
		log "$label: $((SECONDS - started)) s so far, $(progress_of "$dir" || true)"
	done
	local status=0
	wait "$pid" || status=$?
	if [ "$status" -ne 0 ]; then
		log "step \"$label\" failed (exit $status) after $((SECONDS - started)) s."
		if [ -s "$errors" ]; then
			log "its error:"
			tail -n 20 "$errors" | sed 's/^/[provision]   /' >&2
		fi
		[ -n "$PROGRESS_LOG" ] && [ -s "$PROGRESS_LOG" ] && log "its log: $PROGRESS_LOG"
		log "run the same command again: finished steps are kept, and it resumes from this one."
		rm -f "$errors"
		CURRENT_STEP=""
		REPORTED=1
		exit "$status"
	fi
	rm -f "$errors"
	log "$label: done in $((SECONDS - started)) s"
	CURRENT_STEP=""
}

# Any other command that fails under set -e names the step it was in.
trap 'status=$?; if [ "$status" -ne 0 ] && [ "$REPORTED" -eq 0 ]; then log "failed (exit $status)${CURRENT_STEP:+ in step \"$CURRENT_STEP\"}; run the same command again to resume"; fi' EXIT
