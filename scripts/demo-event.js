#!/usr/bin/env node
'use strict';
// npm run demo:event -- <event>: asks the running demo's fake Hero to send an event, signed,
// to every webhook registered for it, as Hero would. `npm run demo` must be running.
const fs = require('fs');
const path = require('path');
const { EVENTS } = require('../dev/fake-hero/events');

const STATE = path.join(__dirname, '..', '.n8n-local', 'demo.json');

async function main() {
	const event = process.argv[2] || 'appointment.confirmed';
	if (!EVENTS.includes(event))
		throw new Error(`Unknown event "${event}". One of: ${EVENTS.join(', ')}`);
	if (!fs.existsSync(STATE))
		throw new Error('The demo is not running: start it with npm run demo, then run this again.');
	const { fakeHeroUrl, n8nUrl } = JSON.parse(fs.readFileSync(STATE, 'utf8'));
	const response = await fetch(`${fakeHeroUrl}/_demo/events/${event}`, { method: 'POST' });
	const result = await response.json();
	if (!response.ok) throw new Error(result.error);
	if (result.deliveries.length === 0) {
		process.stdout.write(
			`No webhook is registered for ${event}: activate a workflow whose Hero Health Trigger listens for it.\n`,
		);
		return;
	}
	process.stdout.write(`Sent ${event} (${result.object} ${result.id}):\n`);
	for (const delivery of result.deliveries) {
		process.stdout.write(`  ${delivery.url} answered ${delivery.status ?? delivery.error}\n`);
	}
	process.stdout.write(`See the executions in ${n8nUrl}/home/executions\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
