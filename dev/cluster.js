'use strict';
// n8n in queue mode on this machine, for `npm run test:queue` and `npm run bench:queue`:
// PostgreSQL, Redis and nginx from Debian's packages (installed when missing; CI runs as root) on
// free loopback ports with throwaway data folders, then n8n main, workers and webhook processors
// (behind nginx, the URL Hero is given)
// sharing one user folder (where the packed package is installed, as n8n's docs describe for
// queue mode), one database and one encryption key. Everything started here is stopped by stop().
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const e2e = require('./n8n');
const { freePort, isListening, spawnLogged, stopProcess, waitFor } = require('./processes');

function log(message) {
	process.stderr.write(`[queue] ${message}\n`);
}

function which(command) {
	try {
		return (
			execFileSync('bash', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() ||
			undefined
		);
	} catch {
		return undefined;
	}
}

/** PostgreSQL's server binaries, installing Debian's package when there are none. */
function postgresBin() {
	const find = () => {
		if (which('pg_ctl') && which('initdb')) return path.dirname(which('pg_ctl'));
		const root = '/usr/lib/postgresql';
		const versions = fs.existsSync(root)
			? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))
			: [];
		return versions
			.map((v) => path.join(root, v, 'bin'))
			.find((dir) => fs.existsSync(path.join(dir, 'pg_ctl')));
	};
	let dir = find();
	if (!dir) {
		log("installing Debian's postgresql...");
		execFileSync(
			'bash',
			[
				'-c',
				'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null',
			],
			{ stdio: 'inherit' },
		);
		dir = find();
	}
	if (!dir)
		throw new Error(
			'PostgreSQL is not installed and could not be installed (apt-get install postgresql)',
		);
	return dir;
}

/** A command from Debian's package of that name, installing the package when it is missing. */
function debianBin(command, packageName = command) {
	let bin = which(command);
	if (!bin) {
		log(`installing Debian's ${packageName}...`);
		execFileSync(
			'bash',
			[
				'-c',
				`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packageName} >/dev/null`,
			],
			{ stdio: 'inherit' },
		);
		bin = which(command);
	}
	if (!bin)
		throw new Error(
			`${command} is not installed and could not be installed (apt-get install ${packageName})`,
		);
	return bin;
}

const redisBin = () => debianBin('redis-server');

/**
 * The load balancer in front of the webhook processors (docker/nginx-webhooks.conf is the same
 * rule): every copy of one signed delivery carries the same timestamp, so hashing on it sends the
 * copies to one processor, whose replay memory refuses all but the first, whatever the copies'
 * signature encodings.
 */
function balancerConfig(dir, port, upstreams) {
	return [
		'daemon off;',
		'worker_processes 1;',
		`pid ${dir}/nginx.pid;`,
		`error_log ${dir}/error.log warn;`,
		'events { worker_connections 512; }',
		'http {',
		'  access_log off;',
		`  client_body_temp_path ${dir}/body;`,
		`  proxy_temp_path ${dir}/proxy;`,
		`  fastcgi_temp_path ${dir}/fastcgi;`,
		`  uwsgi_temp_path ${dir}/uwsgi;`,
		`  scgi_temp_path ${dir}/scgi;`,
		'  client_body_buffer_size 1m;',
		'  upstream webhook_processors {',
		'    hash $http_x_herohealth_timestamp consistent;',
		...upstreams.map((p) => `    server 127.0.0.1:${p};`),
		'  }',
		'  server {',
		`    listen 127.0.0.1:${port};`,
		'    location / {',
		'      proxy_pass http://webhook_processors;',
		'      proxy_http_version 1.1;',
		'      proxy_set_header Host $host;',
		'    }',
		'  }',
		'}',
		'',
	].join('\n');
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user Debian creates. */
function asDatabaseUser(command, args, options = {}) {
	if (process.getuid && process.getuid() === 0) {
		const quoted = [command, ...args]
			.map((part) => `'${String(part).replace(/'/g, "'\\''")}'`)
			.join(' ');
		return execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', quoted], {
			encoding: 'utf8',
			...options,
		});
	}
	return execFileSync(command, args, { encoding: 'utf8', ...options });
}

class Cluster {
	constructor({ workers = 2, webhooks = 2 } = {}) {
		this.workerCount = workers;
		this.webhookCount = webhooks;
		this.processes = [];
		this.versions = {};
	}

	async startServices() {
		this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hero-queue-'));
		fs.chmodSync(this.dir, 0o755);
		const bin = postgresBin();
		this.pgBin = bin;
		this.pgPort = await freePort();
		const data = path.join(this.dir, 'pg');
		fs.mkdirSync(data);
		if (process.getuid && process.getuid() === 0) execFileSync('chown', ['postgres', data]);
		asDatabaseUser(
			path.join(bin, 'initdb'),
			['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8'],
			{ stdio: 'ignore' },
		);
		asDatabaseUser(
			path.join(bin, 'pg_ctl'),
			[
				'-D',
				data,
				'-l',
				path.join(data, 'server.log'),
				'-w',
				'-o',
				`-p ${this.pgPort} -k ${data} -c listen_addresses=127.0.0.1 -c max_connections=200`,
				'start',
			],
			{ stdio: 'ignore' },
		);
		this.pgStop = () =>
			asDatabaseUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop'], {
				stdio: 'ignore',
			});
		this.versions.postgres = execFileSync(path.join(bin, 'postgres'), ['--version'], {
			encoding: 'utf8',
		}).trim();
		log(`${this.versions.postgres} on 127.0.0.1:${this.pgPort}`);

		const redis = redisBin();
		this.redisPort = await freePort();
		const redisDir = path.join(this.dir, 'redis');
		fs.mkdirSync(redisDir);
		this.redis = spawnLogged(
			redis,
			[
				'--port',
				String(this.redisPort),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				redisDir,
			],
			process.env,
		).process;
		this.versions.redis = execFileSync(redis, ['--version'], { encoding: 'utf8' })
			.trim()
			.split(' ')
			.slice(0, 3)
			.join(' ');
		await waitFor(() => isListening(this.redisPort), 'Redis');
		log(`${this.versions.redis} on 127.0.0.1:${this.redisPort}`);
	}

	/** The environment every n8n process of the cluster shares. */
	queueEnv() {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.pgPort),
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_DATABASE: 'postgres',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redisPort),
			// Production webhooks go to the webhook processors only.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			// Manual executions on workers too: n8n 3.0's only behaviour in queue mode.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_LOG_LEVEL: 'info',
			// A dead worker's job is taken up again once its lock expires: 10 s here instead of
			// n8n's 30 s default, so the suite sees it sooner.
			QUEUE_WORKER_LOCK_DURATION: '10000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
		};
	}

	/** Provisions n8n, installs the packed package into the shared user folder, starts main. */
	async start(fake) {
		await this.startServices();
		const bins = e2e.provision();
		this.versions.n8n = bins.version;
		this.userFolder = e2e.tempUserFolder('hero-queue-home-');
		e2e.installPackage(this.userFolder, e2e.buildAndPack(path.join(this.userFolder, 'pack')));
		this.main = new e2e.N8n({ userFolder: this.userFolder, ...bins });
		Object.assign(this.main.env, this.queueEnv());
		this.webhookPorts = await Promise.all(
			Array.from({ length: this.webhookCount }, () => freePort()),
		);
		await this.startBalancer();
		await this.main.importCredential(fake.url, fake);
		await this.startMain();
		this.owner = await this.main.setUpOwner();
		this.workers = [];
		for (let i = 0; i < this.workerCount; i++)
			this.workers.push(await this.startProcess(`worker-${i + 1}`, ['worker', '--concurrency=10']));
		this.webhooks = [];
		for (let i = 0; i < this.webhookCount; i++)
			this.webhooks.push(
				await this.startProcess(`webhook-${i + 1}`, ['webhook'], this.webhookPorts[i]),
			);
	}

	/** nginx in front of the webhook processors, on a free loopback port. */
	async startBalancer() {
		const nginx = debianBin('nginx');
		const dir = path.join(this.dir, 'nginx');
		fs.mkdirSync(dir, { recursive: true });
		this.balancerPort = await freePort();
		const config = path.join(dir, 'nginx.conf');
		fs.writeFileSync(config, balancerConfig(dir, this.balancerPort, this.webhookPorts));
		this.nginx = spawnLogged(nginx, ['-c', config, '-p', dir], process.env);
		await waitFor(() => isListening(this.balancerPort), 'the load balancer (nginx)');
		this.balancer = { name: 'balancer', url: `http://127.0.0.1:${this.balancerPort}` };
		// nginx -v writes its version to stderr.
		this.versions.nginx = spawnSync(nginx, ['-v'], { encoding: 'utf8' }).stderr.trim();
		log(`nginx load balancer on ${this.balancer.url}`);
	}

	/** Main registers Hero webhooks with the load balancer's URL, as production would. */
	async startMain() {
		this.main.webhookUrl = `${this.balancer.url}/`;
		await this.main.start();
	}

	async startProcess(name, args, port) {
		const ports = { ...(await e2e.listenerPorts(port)), QUEUE_HEALTH_CHECK_ACTIVE: 'true' };
		const env = { ...this.main.env, ...ports };
		const handle = Object.assign(spawnLogged(this.main.nodeBin, [this.main.n8nBin, ...args], env), {
			name,
			args,
			port: Number(ports.N8N_PORT),
			url: `http://127.0.0.1:${ports.N8N_PORT}`,
		});
		const child = handle.process;
		this.processes.push(handle);
		const health =
			args[0] === 'webhook'
				? `${handle.url}/healthz`
				: `http://127.0.0.1:${ports.QUEUE_HEALTH_CHECK_PORT}/healthz`;
		await waitFor(
			async () => {
				if (child.exitCode !== null)
					throw new Error(`${name} exited (${child.exitCode}):\n${handle.logs}`);
				return (await fetch(health)).ok;
			},
			`${name} to be ready`,
			120_000,
		).catch((error) => {
			throw new Error(`${error.message}\n${handle.logs.slice(-3000)}`);
		});
		log(`${name} ready${args[0] === 'webhook' ? ` on ${handle.url}` : ''}`);
		return handle;
	}

	/** Rows of a query against n8n's database, as arrays of text. */
	sql(query) {
		const out = this.psql(['-AtF', '\t', '-c', query]);
		return out.trim()
			? out
					.trim()
					.split('\n')
					.map((line) => line.split('\t'))
			: [];
	}

	/** Runs SQL given on standard input: statements too long for a command line. */
	sqlFromStdin(sql) {
		this.psql(['-q', '-v', 'ON_ERROR_STOP=1', '-f', '-'], sql);
	}

	/** psql against n8n's database; `input` goes to its standard input. */
	psql(args, input) {
		const bin = path.join(this.pgBin, 'psql');
		return execFileSync(
			fs.existsSync(bin) ? bin : 'psql',
			['-h', '127.0.0.1', '-p', String(this.pgPort), '-U', 'n8n', '-d', 'postgres', ...args],
			{ encoding: 'utf8', ...(input === undefined ? {} : { input }) },
		);
	}

	/** Executions each worker finished, by its log (n8n logs them at info level). */
	finishedByWorker() {
		return Object.fromEntries(
			this.workers.map((worker) => [
				worker.name,
				(worker.logs.match(/Worker finished execution/g) || []).length,
			]),
		);
	}

	async stopProcess(handle, signal = 'SIGTERM') {
		await stopProcess(handle.process, signal);
	}

	async restart(handle) {
		await this.stopProcess(handle);
		const fresh = await this.startProcess(
			handle.name,
			handle.args,
			handle.args[0] === 'webhook' ? handle.port : undefined,
		);
		const list = handle.args[0] === 'worker' ? this.workers : this.webhooks;
		list[list.indexOf(handle)] = fresh;
		return fresh;
	}

	async stop() {
		for (const handle of this.processes) await this.stopProcess(handle).catch(() => undefined);
		if (this.main) await this.main.stop().catch(() => undefined);
		await stopProcess(this.redis).catch(() => undefined);
		await stopProcess(this.nginx?.process).catch(() => undefined);
		if (this.pgStop) {
			try {
				this.pgStop();
			} catch {
				// already stopped
			}
		}
		if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
		if (this.userFolder) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

module.exports = { Cluster, waitFor };
