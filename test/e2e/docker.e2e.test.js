'use strict';
// n8n 3.0 readiness: the Dockerfile and queue-mode compose file in docker/ are what a self-hoster
// builds from. Docker itself is not run here; the test reads both files, runs the Dockerfile's
// own install command (the packed package in place of the registry's), and starts a real n8n on
// what it installed.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const e2e = require('../../dev/n8n');
const { createFakeHero } = require('../../dev/fake-hero/server');

const DOCKER = path.join(e2e.ROOT, 'docker');
const dockerfile = fs.readFileSync(path.join(DOCKER, 'Dockerfile'), 'utf8');
const compose = YAML.parse(fs.readFileSync(path.join(DOCKER, 'docker-compose.queue.yml'), 'utf8'), {
	merge: true,
});

/** The Dockerfile's RUN command that installs the package, as one line. */
function installCommand() {
	const runs = dockerfile
		.replace(/\\\n/g, ' ')
		.split('\n')
		.filter((line) => line.startsWith('RUN ') && line.includes('n8n-nodes-herohealth'));
	assert.equal(runs.length, 1, 'one RUN installs the package');
	return runs[0].slice(4);
}

let fake;
let n8n;

before(
	async () => {
		const bins = e2e.provision();
		const userFolder = e2e.tempUserFolder('hero-docker-');
		const tarball = e2e.buildAndPack(path.join(userFolder, 'pack'));
		// The same command, with the image's home and the registry's package swapped for this run's.
		const command = installCommand()
			.replaceAll('/home/node', userFolder)
			.replace('"n8n-nodes-herohealth@${HERO_HEALTH_VERSION}"', JSON.stringify(tarball));
		execFileSync('bash', ['-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });
		fake = await createFakeHero({ demo: true }).start();
		n8n = new e2e.N8n({ userFolder, ...bins });
		n8n.env.N8N_UNVERIFIED_PACKAGES_ENABLED = /ENV N8N_UNVERIFIED_PACKAGES_ENABLED=(\S+)/.exec(
			dockerfile,
		)[1];
		await n8n.importCredential(fake.url, fake);
	},
	{ timeout: 1_800_000 },
);

after(async () => {
	if (fake) await fake.close();
});

test("the Dockerfile's install command lays the package out where n8n loads it, and an example runs", async () => {
	const nodes = path.join(n8n.userFolder, '.n8n', 'nodes');
	const manifest = JSON.parse(
		fs.readFileSync(
			path.join(nodes, 'node_modules', 'n8n-nodes-herohealth', 'package.json'),
			'utf8',
		),
	);
	assert.equal(manifest.name, 'n8n-nodes-herohealth');
	assert.ok(
		!fs.existsSync(path.join(nodes, 'node_modules', 'n8n-workflow')),
		"n8n's own n8n-workflow is used, not a second copy",
	);
	await n8n.importWorkflow(
		path.join(e2e.ROOT, 'examples', 'recall-campaign-dry-run.json'),
		'HeroDockerRecall',
	);
	const run = await n8n.execute('HeroDockerRecall');
	assert.equal(run.error, undefined);
	const [previews] = run.output('Send Recall Invitation');
	assert.equal(previews.length, 3);
	assert.ok(previews.every((preview) => preview.dry_run === true));
});

test('the Dockerfile builds on the n8n the suites run, and loads the package unverified until n8n verifies it', () => {
	assert.match(
		dockerfile,
		new RegExp(`^ARG N8N_VERSION=${e2e.DEFAULT_N8N_VERSION.replace(/\./g, '\\.')}$`, 'm'),
	);
	assert.match(dockerfile, /^FROM n8nio\/n8n:\$\{N8N_VERSION\}$/m);
	assert.match(dockerfile, /^USER node$/m, 'installed as the user n8n runs as');
	assert.match(installCommand(), /--ignore-scripts/);
	assert.match(dockerfile, /^ENV N8N_UNVERIFIED_PACKAGES_ENABLED=true$/m);
});

test('the compose file runs queue mode as n8n 3.0 does: main, worker and webhook processor on one image', () => {
	const { services } = compose;
	const n8nServices = ['main', 'worker', 'webhook', 'webhook-2'];
	assert.deepEqual(
		n8nServices.map((name) => services[name].command),
		['start', 'worker', 'webhook', 'webhook'],
	);
	for (const name of n8nServices) {
		const service = services[name];
		assert.equal(
			service.build.dockerfile,
			'docker/Dockerfile',
			`${name} is built from docker/Dockerfile`,
		);
		assert.equal(
			service.build.args.N8N_VERSION,
			e2e.DEFAULT_N8N_VERSION,
			`${name}: the tested n8n`,
		);
		assert.equal(service.image, services.main.image, `${name} runs the same image`);
		const env = service.environment;
		assert.equal(env.EXECUTIONS_MODE, 'queue', `${name} in queue mode`);
		assert.equal(
			env.OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS,
			'true',
			`${name}: manual runs on workers`,
		);
		assert.equal(env.N8N_UNVERIFIED_PACKAGES_ENABLED, 'true');
		assert.equal(
			env.N8N_ENCRYPTION_KEY,
			services.main.environment.N8N_ENCRYPTION_KEY,
			`${name}: one key`,
		);
		assert.equal(env.DB_TYPE, 'postgresdb');
		assert.ok(services[env.DB_POSTGRESDB_HOST], `${name}: its database is a service`);
		assert.ok(services[env.QUEUE_BULL_REDIS_HOST], `${name}: its Redis is a service`);
		assert.equal(env.N8N_DEFAULT_BINARY_DATA_MODE, 'filesystem');
		assert.deepEqual(
			service.volumes,
			services.main.volumes,
			`${name} shares the binary data folder: a file read on one process is read on another`,
		);
		assert.ok(
			!service.volumes.some((volume) =>
				/:\/home\/node\/\.n8n\/?$|:\/home\/node\/\.n8n\/nodes/.test(volume),
			),
			`${name}: no volume hides the package installed in the image`,
		);
	}
	assert.equal(services.main.environment.N8N_DISABLE_PRODUCTION_MAIN_PROCESS, 'true');
});

test('Hero is given the load balancer, which sends every copy of a delivery to one webhook processor', () => {
	const { services } = compose;
	// Main serves no production webhooks: the address registered with Hero must not be main's.
	const url = new URL(
		services.main.environment.WEBHOOK_URL.replace(/^\$\{WEBHOOK_URL:-(.*)\}$/, '$1'),
	);
	const balancer = services.webhooks;
	assert.ok(balancer, 'a load balancer service');
	assert.deepEqual(balancer.ports, [`${url.port}:80`], 'WEBHOOK_URL reaches the load balancer');
	assert.ok(!(services.main.ports ?? []).some((p) => p.startsWith(`${url.port}:`)), 'not main');
	const conf = fs.readFileSync(path.join(DOCKER, 'nginx-webhooks.conf'), 'utf8');
	assert.match(conf, /hash \$http_x_herohealth_timestamp consistent;/);
	for (const name of ['webhook', 'webhook-2']) {
		assert.match(conf, new RegExp(`server ${name}:5678;`), `${name} behind it`);
		assert.equal(services[name].command, 'webhook');
	}
	assert.ok(balancer.volumes.some((v) => v.startsWith('./nginx-webhooks.conf:')));
});
