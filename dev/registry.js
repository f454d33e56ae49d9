'use strict';
// A local npm registry (verdaccio 6.8.0 from npm, cached in .n8n-local/ like n8n) on a free
// loopback port with throwaway storage and no uplink: what is published here is all it serves.
// For `npm run test:registry`: publish the packed package, then install it by name.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { freePort, spawnLogged, stopProcess, waitFor } = require('./processes');

const VERDACCIO = '6.8.0';
const ROOT = path.resolve(__dirname, '..');

function log(message) {
	process.stderr.write(`[registry] ${message}\n`);
}

/** verdaccio's binary, installed once per machine (node-fetch pinned: 6.8.0's own range fails here). */
function verdaccioBin() {
	const dir = path.join(
		process.env.N8N_LOCAL_DIR || path.join(ROOT, '.n8n-local'),
		`verdaccio-${VERDACCIO}`,
	);
	const bin = path.join(dir, 'node_modules', '.bin', 'verdaccio');
	if (!fs.existsSync(bin)) {
		log(`installing verdaccio ${VERDACCIO} from the npm registry...`);
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({
				name: 'verdaccio-local',
				private: true,
				overrides: { 'node-fetch': '2.7.0' },
			}),
		);
		execFileSync(
			'npm',
			[
				'install',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				'--loglevel=error',
				`verdaccio@${VERDACCIO}`,
			],
			{ cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
		);
	}
	return bin;
}

class Registry {
	async start() {
		const bin = verdaccioBin();
		this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hero-registry-'));
		this.port = await freePort();
		this.url = `http://127.0.0.1:${this.port}`;
		const config = path.join(this.dir, 'config.yaml');
		fs.writeFileSync(
			config,
			[
				`storage: ${path.join(this.dir, 'storage')}`,
				'auth:',
				'  htpasswd:',
				`    file: ${path.join(this.dir, 'htpasswd')}`,
				'uplinks: {}',
				'packages:',
				"  '**':",
				'    access: $all',
				'    publish: $authenticated',
				'    unpublish: $authenticated',
				'log: { type: stdout, format: pretty, level: warn }',
				'',
			].join('\n'),
		);
		this.handle = spawnLogged(bin, ['--config', config, '--listen', `127.0.0.1:${this.port}`], {
			...process.env,
		});
		await waitFor(
			async () => (await fetch(`${this.url}/-/ping`).catch(() => ({ ok: false }))).ok,
			'verdaccio',
			60_000,
		);
		this.token = await this.addUser();
		this.npmrc = path.join(this.dir, '.npmrc');
		fs.writeFileSync(this.npmrc, `//127.0.0.1:${this.port}/:_authToken=${this.token}\n`);
		log(`verdaccio ${VERDACCIO} on ${this.url}`);
		return this;
	}

	/** `npm adduser` as verdaccio's htpasswd takes it; the token publishes. */
	async addUser() {
		const name = 'hero-publisher';
		const response = await fetch(`${this.url}/-/user/org.couchdb.user:${name}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name, password: 'local-registry-only', type: 'user', roles: [] }),
		});
		const body = await response.json();
		if (!body.token) throw new Error(`verdaccio refused the user: ${JSON.stringify(body)}`);
		return body.token;
	}

	/** Publishes a packed tarball, first rewriting its version when `version` is given. */
	publish(tarball, version) {
		const work = fs.mkdtempSync(path.join(this.dir, 'publish-'));
		execFileSync('tar', ['-xzf', tarball, '-C', work, '--strip-components=1']);
		const manifestPath = path.join(work, 'package.json');
		const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
		if (version) manifest.version = version;
		// Its own release scripts are not for a local copy.
		delete manifest.scripts;
		fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
		execFileSync(
			'npm',
			[
				'publish',
				'--registry',
				this.url,
				'--userconfig',
				this.npmrc,
				'--ignore-scripts',
				'--provenance=false',
			],
			{ cwd: work, stdio: ['ignore', 'ignore', 'inherit'] },
		);
		return manifest.version;
	}

	async stop() {
		if (this.handle) await stopProcess(this.handle.process).catch(() => undefined);
		if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
	}
}

module.exports = { Registry, VERDACCIO };
