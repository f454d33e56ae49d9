'use strict';
// Installed by name from a registry, as users install it: a local npm registry (verdaccio,
// dev/registry.js) holds two published versions of the packed package, and a real n8n is
// pointed at it. Run with `npm run test:registry`.
//
// n8n's own two ways (the Community Nodes installer's REST call, as the Settings screen makes
// it, and N8N_COMMUNITY_PACKAGES at start-up) take a registry other than npmjs.org only with an
// n8n licence for custom registries (feat:communityNodes:customRegistry); this instance has
// none, so the suite checks that n8n refuses it, saying so, before fetching anything. The way
// that needs no licence, npm by name into ~/.n8n/nodes (the Dockerfile's command) is then run
// through install, upgrade and uninstall, n8n running an example on each version.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const e2e = require('../../dev/n8n');
const { Registry } = require('../../dev/registry');
const { createFakeHero } = require('../../dev/fake-hero/server');

const PACKAGE = 'n8n-nodes-herohealth';
const LICENCE = /Your license does not allow for feat:communityNodes:customRegistry/;
const dockerfile = fs.readFileSync(path.join(e2e.ROOT, 'docker', 'Dockerfile'), 'utf8');

let registry;
let fake;
let bins;
let first;
let second;

before(
	async () => {
		bins = e2e.provision();
		const pack = e2e.tempUserFolder('hero-registry-pack-');
		const tarball = e2e.buildAndPack(pack);
		registry = await new Registry().start();
		first = registry.publish(tarball);
		const [major, minor, patch] = first.split('.').map(Number);
		second = registry.publish(tarball, `${major}.${minor}.${patch + 1}`);
		fake = await createFakeHero({ demo: true }).start();
	},
	{ timeout: 1_800_000 },
);

after(async () => {
	if (registry) await registry.stop();
	if (fake) await fake.close();
});

/** A fresh n8n pointed at the local registry by n8n's own setting. */
function n8nAt(env = {}) {
	const n8n = new e2e.N8n({ userFolder: e2e.tempUserFolder('hero-registry-'), ...bins });
	Object.assign(n8n.env, { N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url, ...env });
	return n8n;
}

const installedIn = (n8n) =>
	path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE, 'package.json');

test('the registry serves both published versions by name', async () => {
	const packument = await (await fetch(`${registry.url}/${PACKAGE}`)).json();
	assert.deepEqual(Object.keys(packument.versions).sort(), [first, second].sort());
	assert.equal(packument['dist-tags'].latest, second);
});

test("n8n's Community Nodes installer (the Settings screen's REST call) refuses a custom registry without the licence for it", async () => {
	const n8n = n8nAt();
	await n8n.start();
	try {
		const owner = await n8n.setUpOwner();
		await assert.rejects(
			n8n.rest(owner.cookie, 'POST', '/community-packages', { name: PACKAGE, version: first }),
			LICENCE,
		);
		assert.equal(fs.existsSync(installedIn(n8n)), false, 'nothing was installed');
		const installed = await n8n.rest(owner.cookie, 'GET', '/community-packages');
		assert.deepEqual(installed, []);
	} finally {
		await n8n.stop();
	}
});

test('N8N_COMMUNITY_PACKAGES at start-up refuses it for the same reason, says so in the log, and n8n starts', async () => {
	const n8n = n8nAt({
		N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV: 'true',
		N8N_COMMUNITY_PACKAGES: JSON.stringify([{ name: PACKAGE, version: first }]),
		N8N_LOG_LEVEL: 'info',
	});
	await n8n.start();
	try {
		await e2e.waitFor(
			() => /Failed to install community package/.test(n8n.logs),
			'n8n to report the install',
		);
		assert.match(
			n8n.logs,
			new RegExp(
				`Failed to install community package '?${PACKAGE}@${first.replace(/\./g, '\\.')}'? from env: ${LICENCE.source}`,
			),
		);
		assert.equal(fs.existsSync(installedIn(n8n)), false, 'nothing was installed');
	} finally {
		await n8n.stop();
	}
});

test("by name without a licence: npm from the registry (the Dockerfile's command), upgraded to the next version, uninstalled; n8n runs an example on each", async () => {
	const n8n = n8nAt();
	const home = n8n.userFolder;
	const command = dockerfile
		.split('\n')
		.find((line) => line.startsWith('RUN ') && line.includes(PACKAGE))
		.slice(4)
		.replaceAll('/home/node', home);
	const install = (version) =>
		execFileSync('bash', ['-c', `${command} --registry ${registry.url}`], {
			env: { ...process.env, HERO_HEALTH_VERSION: version },
			stdio: ['ignore', 'ignore', 'inherit'],
		});
	const version = () => JSON.parse(fs.readFileSync(installedIn(n8n), 'utf8')).version;
	await n8n.importCredential(fake.url, fake);
	const recall = async () => {
		await n8n.importWorkflow(
			path.join(e2e.ROOT, 'examples', 'recall-campaign-dry-run.json'),
			'HeroRegistryRecl',
		);
		return n8n.execute('HeroRegistryRecl');
	};

	install(first);
	assert.equal(version(), first);
	const run = await recall();
	assert.equal(run.error, undefined);
	assert.equal(run.output('Send Recall Invitation')[0].length, 3);

	install(second);
	assert.equal(version(), second, 'upgraded in place');
	assert.equal((await recall()).output('Send Recall Invitation')[0].length, 3);

	execFileSync(
		'npm',
		['uninstall', '--prefix', path.join(home, '.n8n', 'nodes'), '--legacy-peer-deps', PACKAGE],
		{ stdio: ['ignore', 'ignore', 'inherit'] },
	);
	assert.equal(fs.existsSync(installedIn(n8n)), false);
	await assert.rejects(recall(), /Unrecognized node type|unknown node type|n8n-nodes-herohealth/i);
});
