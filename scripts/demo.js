#!/usr/bin/env node
'use strict';
// npm run demo: the package inside a real n8n, talking to a local fake Hero, with the example
// workflows imported. Needs no Hero key. Ctrl-C stops everything.
const path = require('path');
const fs = require('fs');

const e2e = require('../dev/n8n');
const { createFakeHero } = require('../dev/fake-hero/server');
const { createScriptedModel } = require('../dev/fake-llm/server');

// Free ports unless asked for: the demo runs beside a user's own n8n and the test suites.
const N8N_PORT = process.env.N8N_DEMO_PORT ? Number(process.env.N8N_DEMO_PORT) : undefined;
const HERO_PORT = Number(process.env.FAKE_HERO_PORT || 0);
const STATE = path.join(e2e.ROOT, '.n8n-local', 'demo.json');

async function main() {
	const bins = e2e.provision();
	const userFolder = path.join(e2e.ROOT, '.n8n-local', 'demo-home');
	fs.mkdirSync(userFolder, { recursive: true });
	const tarball = e2e.buildAndPack(path.join(userFolder, 'pack'));
	e2e.installPackage(userFolder, tarball);
	e2e.log(`installed ${path.basename(tarball)} into ${path.join(userFolder, '.n8n', 'nodes')}`);

	const fake = await createFakeHero({ demo: true }).start(HERO_PORT);
	e2e.log(`fake Hero listening on ${fake.url}`);
	const model = await createScriptedModel().start();
	e2e.log(`scripted model (OpenAI-compatible) listening on ${model.url}`);
	const n8n = new e2e.N8n({ userFolder, port: N8N_PORT, ...bins });
	e2e.log('importing the Hero Health credential and the example workflows...');
	await n8n.importCredential(fake.url, fake);
	await n8n.importModelCredential(model.url);
	for (const { file, id, waitSeconds } of e2e.EXAMPLES)
		await n8n.importWorkflow(path.join(e2e.ROOT, 'examples', file), id, {
			anyHour: false,
			waitSeconds,
		});
	// Message outcomes move on 600 times faster than the clock: the cascade's Wait is seconds.
	fake.scaleTime(600);

	e2e.log('starting n8n...');
	await n8n.start();
	const owner = await n8n.setUpOwner();
	// The trigger examples listen from the start: an event sent from the page or the command
	// runs them at once.
	for (const { id } of e2e.EXAMPLES.filter((example) => example.event))
		await n8n.activate(owner.cookie, id);
	fs.writeFileSync(STATE, JSON.stringify({ n8nUrl: n8n.url, fakeHeroUrl: fake.url }));

	const stop = async () => {
		e2e.log('stopping...');
		fs.rmSync(STATE, { force: true });
		await n8n.stop();
		await fake.close();
		await model.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	process.stdout.write(
		[
			'',
			`n8n is running with n8n-nodes-herohealth: ${n8n.url}`,
			`  log in as ${owner.email} / ${owner.password}`,
			`  the "Hero Health account" credential points at the fake Hero (${fake.url}); no Hero key needed`,
			'  examples: Workflows > "Hero Health: ..." (open one and press Execute Workflow)',
			'  the two trigger examples are active; send them an event, signed as Hero would:',
			'    npm run demo:event -- appointment.confirmed',
			`    or open ${fake.url}/_demo and press a button`,
			'  "Hero Health: NHS App first, SMS for the rest" waits 18 seconds for its 3 hours (the fake',
			'    Hero counts each second as 10 minutes), then texts the patients the NHS App did not reach',
			'  "Hero Health: AI receptionist ..." runs an AI Agent with Hero Health tools against a scripted',
			`    model (${model.url}, no OpenAI key): open it and press Execute Workflow`,
			'Ctrl-C stops n8n, the fake Hero and the scripted model.',
			'',
		].join('\n'),
	);
	if (process.env.DEMO_EXIT_WHEN_READY === 'true') await stop();
}

main().catch((error) => {
	// A failed provisioning step has said what failed; other errors keep their stack.
	process.stderr.write(`${error.provisioning ? error.message : error.stack || error}\n`);
	process.exit(1);
});
