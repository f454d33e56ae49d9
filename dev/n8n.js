'use strict';
// Drives a real n8n (provisioned by provision.sh) for the demo and the end-to-end suite:
// installs the packed package the way n8n's Community Nodes UI does, imports credentials and
// workflows, executes workflows and runs the server.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const {
	freePort,
	portIsFree,
	runLogged,
	spawnLogged,
	stopProcess,
	waitFor,
} = require('./processes');

const ROOT = path.join(__dirname, '..');
const CREDENTIAL_ID = 'HeroFakeCred0001';
const MODEL_CREDENTIAL_ID = 'HeroFakeModel001';
/** The n8n the suites run on unless N8N_VERSION names another (provision.sh's default). */
const DEFAULT_N8N_VERSION = '2.41.1';

function log(message) {
	process.stderr.write(`[n8n-e2e] ${message}\n`);
}

/** Every Hero node that may have a Send Window open at every hour, every day. */
function openAllHours(workflow) {
	for (const node of workflow.nodes ?? []) {
		if (!/^n8n-nodes-herohealth\.heroHealth(Tool)?$/.test(node.type)) continue;
		const { resource, operation } = node.parameters ?? {};
		if (resource === 'message' && ['send', 'sendBatch', 'sendToMany'].includes(operation))
			node.parameters.sendWindowHours = 'Mon-Sun 00:00-24:00';
	}
}

/** Runs provision.sh (idempotent) and returns the node and n8n binaries it prepared. */
function provision() {
	let out;
	try {
		out = execFileSync('bash', [path.join(__dirname, 'provision.sh')], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		});
	} catch (error) {
		// provision.sh has said which step failed and why; a stack trace would bury it.
		const failed = new Error(
			`Getting n8n ready failed (exit ${error.status}): the [provision] lines above say which step and why. Run the same command again: finished steps are kept.`,
		);
		failed.provisioning = true;
		throw failed;
	}
	const vars = Object.fromEntries(
		out
			.trim()
			.split('\n')
			.filter((l) => l.includes('='))
			.map((l) => l.split(/=(.*)/s).slice(0, 2)),
	);
	return { nodeBin: vars.NODE_BIN, n8nBin: vars.N8N_BIN, version: vars.N8N_VERSION };
}

/** Builds and packs the package; returns the tarball's path. */
function buildAndPack(destination) {
	log('building and packing the package...');
	execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	fs.mkdirSync(destination, { recursive: true });
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], {
		cwd: ROOT,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	return path.join(destination, name);
}

/**
 * Installs the tarball into <userFolder>/.n8n/nodes exactly as n8n's Community Nodes install
 * does: unpack to node_modules/<name>, drop dev, peer and optional dependencies, record it in
 * nodes/package.json. The package has no dependencies, so there is nothing else to fetch.
 */
function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', 'n8n-nodes-herohealth');
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const manifestPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		fs.readFileSync(manifestPath, 'utf8'),
	);
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	const nodesManifest = path.join(nodesDir, 'package.json');
	const installed = fs.existsSync(nodesManifest)
		? JSON.parse(fs.readFileSync(nodesManifest, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	installed.dependencies = { ...installed.dependencies, 'n8n-nodes-herohealth': manifest.version };
	fs.writeFileSync(nodesManifest, JSON.stringify(installed, null, 2));
	return packageDir;
}

/**
 * Every listener an n8n process may open, each on its own free port: the editor and webhooks,
 * the task broker (opened by every n8n process, CLI commands included) and a worker's health
 * check. Fixed defaults (5678, 5679) would clash with a user's own n8n or another run.
 */
async function listenerPorts(mainPort) {
	return {
		N8N_PORT: String(mainPort ?? (await freePort())),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
	};
}

const PORT_IN_USE = /EADDRINUSE|already in use/i;

function environment(userFolder, major) {
	const env = { ...process.env };
	// n8n 1.x's default expression engine needs isolated-vm 6, which does not build here; its
	// legacy engine is what 1.x ran for years.
	const engine = major === 1 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {};
	for (const key of Object.keys(env))
		if (key.startsWith('N8N_') || key.startsWith('DB_') || key.startsWith('QUEUE_'))
			delete env[key];
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_ENCRYPTION_KEY: 'n8n-nodes-herohealth-local-demo-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: process.env.N8N_E2E_LOG_LEVEL || 'warn',
		N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		NODE_OPTIONS: '',
		...engine,
	};
}

class N8n {
	/** `port` asks for a main port; without it, start() picks a free one. */
	constructor({ userFolder, port, nodeBin, n8nBin, version }) {
		this.userFolder = userFolder;
		this.requestedPort = port;
		this.nodeBin = nodeBin;
		this.n8nBin = n8nBin;
		this.version = version;
		/** n8n's major version: 1.x and 2.x differ in what the suites can expect. */
		this.major = Number(String(version ?? DEFAULT_N8N_VERSION).split('.')[0]);
		this.env = environment(userFolder, this.major);
	}

	/**
	 * Runs an n8n CLI command without blocking this process (the fake Hero may live in it);
	 * rejects with its output when it fails.
	 */
	async cli(args, { allowFailure = false, timeoutMs = 300_000, env = {} } = {}) {
		for (let attempt = 1; ; attempt++) {
			const result = await this.cliOnce(args, {
				timeoutMs,
				env: { ...(await listenerPorts()), ...env },
			});
			// A port picked free can be taken before n8n binds it: pick again.
			if (result.status !== 0 && attempt < 3 && PORT_IN_USE.test(result.stdout + result.stderr))
				continue;
			if (result.status !== 0 && !allowFailure) {
				throw new Error(
					`n8n ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
				);
			}
			return result;
		}
	}

	cliOnce(args, { timeoutMs, env }) {
		return runLogged(this.nodeBin, [this.n8nBin, ...args], { ...this.env, ...env }, timeoutMs);
	}

	async importCredential(baseUrl, { apiKey, practiceGroupId }) {
		const file = path.join(this.userFolder, 'hero-credential.json');
		fs.writeFileSync(
			file,
			JSON.stringify([
				{
					id: CREDENTIAL_ID,
					name: 'Hero Health account',
					type: 'heroHealthApi',
					data: { apiKey, practiceGroupId, environment: 'custom', baseUrl },
				},
			]),
		);
		await this.cli(['import:credentials', `--input=${file}`]);
		fs.rmSync(file);
	}

	/** The OpenAI credential of the AI example, pointed at the scripted model (no key needed). */
	async importModelCredential(modelUrl) {
		const file = path.join(this.userFolder, 'model-credential.json');
		fs.writeFileSync(
			file,
			JSON.stringify([
				{
					id: MODEL_CREDENTIAL_ID,
					name: 'OpenAI account (scripted model in the demo)',
					type: 'openAiApi',
					data: { apiKey: 'sk-scripted-model-needs-no-key', url: `${modelUrl}/v1` },
				},
			]),
		);
		await this.cli(['import:credentials', `--input=${file}`]);
		fs.rmSync(file);
	}

	/** Imports a workflow file with a fixed id; returns the id. */
	/**
	 * Imports a workflow under `id`. Suites run examples at any hour, so their Send Windows are
	 * opened to every hour here (the suite controls the window, the examples keep quiet hours);
	 * the demo imports them as they are (`anyHour: false`).
	 */
	async importWorkflow(file, id, { anyHour = true, waitSeconds } = {}) {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		workflow.id = id;
		if (anyHour) openAllHours(workflow);
		// A Wait of hours, shortened for a demo or a test (the fake Hero's clock runs faster to match).
		if (waitSeconds !== undefined)
			for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.wait'))
				node.parameters = { amount: waitSeconds, unit: 'seconds' };
		const copy = path.join(this.userFolder, `${id}.json`);
		fs.writeFileSync(copy, JSON.stringify(workflow));
		await this.cli(['import:workflow', `--input=${copy}`]);
		fs.rmSync(copy);
		return id;
	}

	/** `n8n execute --id`; returns the run data by node name. */
	async execute(id) {
		// `execute` prints its result through the logger at info level.
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], {
			allowFailure: true,
			env: { N8N_LOG_LEVEL: 'info' },
		});
		const lines = result.stdout.split('\n');
		const start = lines.indexOf('{');
		const end = lines.indexOf('}', start);
		const run =
			start >= 0 && end > start ? JSON.parse(lines.slice(start, end + 1).join('\n')) : null;
		// n8n's CLI can die by a signal while shutting down, after it printed and stored a finished
		// run: that run is what the tests judge, so it stands, said in the log.
		const diedAfter = result.status === null && run?.finished === true;
		if (diedAfter)
			log(`n8n execute --id=${id} printed its finished run, then ended by ${result.signal}`);
		if ((result.status !== 0 && !diedAfter) || !run) {
			throw new Error(
				`n8n execute --id=${id} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
			);
		}
		const runData = run.data.resultData.runData;
		const output = (node) =>
			(runData[node]?.[0]?.data?.main ?? []).map((branch) =>
				(branch ?? []).map((item) => item.json),
			);
		return { run, runData, output, error: run.data.resultData.error };
	}

	/** `n8n start` on free ports; this.url is set once it is ready. */
	async start() {
		if (this.requestedPort !== undefined && !(await portIsFree(this.requestedPort))) {
			throw new Error(
				`port ${this.requestedPort} is in use; leave the port unset to have a free one picked`,
			);
		}
		for (let attempt = 1; ; attempt++) {
			const ports = await listenerPorts(this.requestedPort);
			this.port = Number(ports.N8N_PORT);
			this.url = `http://127.0.0.1:${this.port}`;
			// In queue mode the public webhook URL is the webhook processors', not main's.
			const env = {
				...this.env,
				...ports,
				WEBHOOK_URL: this.webhookUrl ?? `${this.url}/`,
				N8N_EDITOR_BASE_URL: `${this.url}/`,
			};
			this.handle = spawnLogged(this.nodeBin, [this.n8nBin, 'start'], env);
			this.process = this.handle.process;
			try {
				return await this.waitUntilReady();
			} catch (error) {
				await this.stop();
				if (attempt < 3 && this.requestedPort === undefined && PORT_IN_USE.test(this.logs))
					continue;
				throw error;
			}
		}
	}

	async waitUntilReady(timeoutMs = 180_000) {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.process.exitCode !== null)
				throw new Error(`n8n exited (${this.process.exitCode}):\n${this.logs}`);
			try {
				// n8n 1.x answers readiness before its REST routes are mounted: wait for both.
				const ready = await fetch(`${this.url}/healthz/readiness`);
				if (ready.ok && (await fetch(`${this.url}/rest/settings`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n did not become ready in ${timeoutMs} ms:\n${this.logs}`);
	}

	/** What `n8n start` has printed so far. */
	get logs() {
		return this.handle ? this.handle.logs : '';
	}

	async stop() {
		await stopProcess(this.process);
	}

	/** Creates the owner account on a fresh instance and returns a logged-in cookie. */
	async setUpOwner(email = 'owner@example.com', password = 'Demo-password-1') {
		const owner = { email, firstName: 'Demo', lastName: 'Owner', password };
		const setup = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (!setup.ok && setup.status !== 400)
			throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
		const login = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, email, password }),
		});
		if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
		const cookie = (login.headers.get('set-cookie') || '').split(';')[0];
		return { cookie, email, password };
	}

	/** Activates a workflow as the editor does (n8n 2.x wants its current version id). */
	async activate(cookie, id) {
		const workflow = await this.rest(cookie, 'GET', `/workflows/${id}`);
		await this.rest(cookie, 'POST', `/workflows/${id}/activate`, { versionId: workflow.versionId });
	}

	/** A workflow's executions, newest first. */
	async executions(cookie, workflowId) {
		const list = await this.rest(
			cookie,
			'GET',
			`/executions?limit=100&filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
		);
		return list.results || list;
	}

	/** Calls the editor's REST API as the logged-in owner. */
	async rest(cookie, method, pathname, body) {
		const res = await fetch(`${this.url}/rest${pathname}`, {
			method,
			headers: { cookie, 'content-type': 'application/json', 'browser-id': 'e2e' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		if (!res.ok)
			throw new Error(`${method} /rest${pathname} failed: ${res.status} ${text.slice(0, 500)}`);
		return json && json.data !== undefined ? json.data : json;
	}
}

function tempUserFolder(prefix = 'hero-n8n-') {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The examples the demo imports, under fixed IDs; trigger ones name the event that starts them. */
const EXAMPLES = [
	{ file: 'register-patients-and-send-booking-links.json', id: 'HeroExampleInvit' },
	{ file: 'new-booking-to-crm-row.json', id: 'HeroExampleCrmRw', event: 'appointment.confirmed' },
	{ file: 'appointment-reminder.json', id: 'HeroExampleRemnd', event: 'appointment.confirmed' },
	{ file: 'ai-receptionist.json', id: 'HeroExampleAgent', model: true },
	{ file: 'recall-campaign-dry-run.json', id: 'HeroExampleRecll' },
	{ file: 'flu-clinic-invitations.json', id: 'HeroExampleFluCl' },
	// Its Wait of 3 hours is 18 seconds in the demo, the fake Hero counting each second 10 minutes.
	{ file: 'nhs-app-first-sms-for-the-rest.json', id: 'HeroExampleCscad', waitSeconds: 18 },
	// Polls the batches the cascade sent: after it in the editor suite.
	{ file: 'unreached-patients-for-follow-up.json', id: 'HeroExampleUnrch' },
];

module.exports = {
	ROOT,
	CREDENTIAL_ID,
	DEFAULT_N8N_VERSION,
	EXAMPLES,
	waitFor,
	provision,
	buildAndPack,
	installPackage,
	N8n,
	tempUserFolder,
	freePort,
	listenerPorts,
	log,
};
