'use strict';
// dev/progress.sh, the reporter provision.sh runs its long steps with: a folder renamed or
// removed under its walk never fails the step, and a failing step says which, why, and how to
// resume. Run with jest (npm test); bash only, nothing is downloaded.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const PROGRESS = path.join(__dirname, '..', '..', 'dev', 'progress.sh');

/** Runs `body` in bash under set -euo pipefail with progress.sh sourced, reporting every second. */
function provisionLike(body) {
	const script = `set -euo pipefail\nsource ${JSON.stringify(PROGRESS)}\n${body}\n`;
	return spawnSync('bash', ['-c', script], {
		encoding: 'utf8',
		env: { ...process.env, PROGRESS_EVERY: '1' },
		timeout: 60_000,
	});
}

describe('dev/progress.sh', () => {
	let dir;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hero-progress-'));
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('keeps reporting while the folder it walks is renamed and removed under it, as npm does', () => {
		// npm's pattern: packages written into a staging folder, then renamed into place, and
		// old folders removed; du and find meet folders that vanish mid-walk. The reporter before
		// dev/progress.sh stopped the whole script here, silently.
		const churn = `
			mkdir -p "$1/node_modules"
			for i in $(seq 1 250); do
				mkdir -p "$1/node_modules/.staging-$i/a/b/c"
				touch "$1/node_modules/.staging-$i/a/b/c/"{1..20}
				mv "$1/node_modules/.staging-$i" "$1/node_modules/pkg-$i"
				[ $i -gt 50 ] && rm -rf "$1/node_modules/pkg-$((i - 50))"
				sleep 0.01
			done
			true`;
		const npmLike = path.join(dir, 'npm-like.sh');
		fs.writeFileSync(npmLike, churn);
		const target = path.join(dir, 'n8n');
		const run = provisionLike(
			`step "n8n@test" ${JSON.stringify(target)} bash ${JSON.stringify(npmLike)} ${JSON.stringify(target)}\necho AFTER`,
		);
		expect(run.stderr).toMatch(/\[provision\] n8n@test: \d+ s so far, \S+ on disk/);
		expect(run.stderr).toMatch(/\[provision\] n8n@test: done in \d+ s/);
		expect(run.stdout).toContain('AFTER');
		expect(run.status).toBe(0);
	});

	it("says which step failed, with the command's own error and that running again resumes", () => {
		const run = provisionLike(
			`step "sqlite3" ${JSON.stringify(dir)} bash -c 'echo "gyp ERR! build error: make failed" >&2; exit 3'\necho NOT-REACHED`,
		);
		expect(run.status).toBe(3);
		expect(run.stdout).not.toContain('NOT-REACHED');
		expect(run.stderr).toContain('[provision] step "sqlite3" failed (exit 3)');
		expect(run.stderr).toContain('gyp ERR! build error: make failed');
		expect(run.stderr).toContain('run the same command again');
	});

	it('names the step for a failure outside a long step too', () => {
		const run = provisionLike(`CURRENT_STEP="node-gyp"\nfalse\necho NOT-REACHED`);
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('failed (exit 1) in step "node-gyp"; run the same command again');
	});
});
