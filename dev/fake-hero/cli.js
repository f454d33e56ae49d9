#!/usr/bin/env node
'use strict';
// npm run mock: the fake Hero on its own, for n8n (or curl) to talk to over loopback.
const { createFakeHero, DEFAULTS } = require('./server');

// 4010 (Prism's default, which Hero's docs use) when free; otherwise any free port.
const port = process.env.FAKE_HERO_PORT ? Number(process.env.FAKE_HERO_PORT) : 4010;
const fake = createFakeHero({
	apiKey: process.env.FAKE_HERO_API_KEY || DEFAULTS.apiKey,
	practiceGroupId: process.env.FAKE_HERO_PRACTICE_GROUP_ID || DEFAULTS.practiceGroupId,
});
fake
	.start(port)
	.catch((error) => {
		if (error.code !== 'EADDRINUSE' || process.env.FAKE_HERO_PORT) throw error;
		return fake.start(0);
	})
	.then(() => {
		process.stdout.write(
			`Fake Hero listening on ${fake.url} (practice group ${fake.practiceGroupId})\n`,
		);
	});
let reported = 0;
setInterval(() => {
	while (reported < fake.violations.length)
		process.stderr.write(`violation: ${fake.violations[reported++]}\n`);
}, 500).unref();
for (const signal of ['SIGINT', 'SIGTERM'])
	process.on(signal, () => fake.close().then(() => process.exit(0)));
