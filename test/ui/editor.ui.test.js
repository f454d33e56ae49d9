'use strict';
// The editor as a user meets it: headless Chromium (Debian's package, driven by playwright-core)
// against a real n8n with the packed package and the fake Hero. Run with `npm run test:ui`.
// Screenshots go to a temp folder; `npm run screenshots` (HERO_WRITE_DOCS=1) writes the README's.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium, selectors } = require('playwright-core');

const e2e = require('../../dev/n8n');
const { createFakeHero } = require('../../dev/fake-hero/server');
const { createScriptedModel } = require('../../dev/fake-llm/server');
const { writingDocs } = require('../harness/files');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google on a closed network.
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const { waitFor } = e2e;
const SHOTS = writingDocs()
	? path.join(e2e.ROOT, 'docs', 'screenshots')
	: fs.mkdtempSync(path.join(os.tmpdir(), 'hero-ui-'));

let fake;
let model;
let n8n;
let owner;
let browser;
let page;
/** Browser errors the package caused: its requests failing, or messages naming it. */
const nodeErrors = [];

before(
	async () => {
		const bins = e2e.provision();
		const userFolder = e2e.tempUserFolder('hero-ui-');
		e2e.installPackage(userFolder, e2e.buildAndPack(path.join(userFolder, 'pack')));
		fake = await createFakeHero({ demo: true }).start();
		n8n = new e2e.N8n({ userFolder, ...bins });
		model = await createScriptedModel().start();
		await n8n.importCredential(fake.url, fake);
		await n8n.importModelCredential(model.url);
		for (const { file, id, waitSeconds } of e2e.EXAMPLES)
			await n8n.importWorkflow(path.join(e2e.ROOT, 'examples', file), id, { waitSeconds });
		// The cascade's Wait of seconds stands for its hours.
		fake.scaleTime(600);
		await n8n.start();
		owner = await n8n.setUpOwner();

		browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
		selectors.setTestIdAttribute('data-test-id');
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(30_000);
		const ours = /hero|dynamic-node-parameters|node-types|\/types\//i;
		page.on('console', (message) => {
			if (message.type() === 'error' && /hero/i.test(message.text()))
				nodeErrors.push(`console: ${message.text()}`);
		});
		page.on('pageerror', (error) => {
			if (/hero/i.test(`${error.message} ${error.stack}`))
				nodeErrors.push(`page: ${error.message}`);
		});
		page.on('response', (response) => {
			if (response.status() >= 400 && ours.test(response.url()))
				nodeErrors.push(`${response.status()} ${response.url()}`);
		});
		await page.goto(`${n8n.url}/signin`);
		await page.getByLabel(/email/i).first().fill(owner.email);
		await page
			.getByLabel(/password/i)
			.first()
			.fill(owner.password);
		await page.getByRole('button', { name: /sign in/i }).click();
		await page.waitForURL(/\/home|\/workflows/, { timeout: 60_000 });
	},
	{ timeout: 1_800_000 },
);

after(async () => {
	if (browser) await browser.close();
	if (n8n) await n8n.stop();
	if (fake) await fake.close();
	if (model) await model.close();
});

const shot = (name) => page.screenshot({ path: path.join(SHOTS, name) });

/** Parameters the editor marks as wrong, by their labels. */
async function parameterIssues() {
	return await page
		.getByTestId('parameter-issues')
		.evaluateAll((icons) =>
			icons.map(
				(icon) =>
					icon.closest('[data-test-id="parameter-item"]')?.textContent?.trim().slice(0, 80) ??
					'a parameter',
			),
		);
}

async function openWorkflow(id) {
	await page.goto(`${n8n.url}/workflow/${id}`);
	await page.getByTestId('canvas-node').first().waitFor({ timeout: 60_000 });
}

async function executeWorkflow(event) {
	await page.getByTestId('execute-workflow-button').click();
	if (event) {
		// The trigger registers a test webhook with Hero; then the demo's button sends the event.
		await waitFor(
			() =>
				[...fake.store.webhooks.values()].some(
					(hook) => hook.event_type === event && /webhook-test/.test(hook.url),
				),
			'the test webhook',
		);
		const sent = await (
			await fetch(`${fake.url}/_demo/events/${event}`, { method: 'POST' })
		).json();
		assert.ok(
			sent.deliveries.some((delivery) => delivery.status === 200),
			JSON.stringify(sent),
		);
	}
	await page
		.getByText(/workflow executed successfully/i)
		.first()
		.waitFor({ timeout: 60_000 });
}

for (const example of e2e.EXAMPLES) {
	test(`example ${example.file} opens without issues and runs green from the editor`, async () => {
		await openWorkflow(example.id);
		assert.equal(
			await page.getByTestId('node-issues').count(),
			0,
			'a node on the canvas shows issues',
		);
		const errorsBefore = await page.getByTestId('canvas-node-status-error').count();
		await executeWorkflow(example.event);
		assert.equal(await page.getByTestId('canvas-node-status-error').count(), errorsBefore);
		assert.ok((await page.getByTestId('canvas-node-status-success').count()) >= 2, 'nodes ran');
		assert.deepEqual(nodeErrors, []);
	});
}

test('a new Hero Health node: Booking > Get Many Slots with filters picked from narrowing lists', async () => {
	await page.goto(`${n8n.url}/workflow/new`);
	await page.getByTestId('canvas-plus-button').click();
	await page.keyboard.type('manual');
	await page
		.getByTestId('node-creator')
		.getByText(/trigger manually/i)
		.first()
		.waitFor();
	await page.keyboard.press('Enter');
	await page
		.getByTestId('ndv')
		.first()
		.waitFor()
		.catch(() => undefined);
	await page.keyboard.press('Escape');
	await page.getByTestId('node-creator-plus-button').click();
	await page.keyboard.type('Hero Health');
	await page
		.getByTestId('node-creator')
		.getByText('Hero Health', { exact: true })
		.first()
		.waitFor();
	await page.keyboard.press('Enter');
	// The add-node panel's words are the node's actions.
	await page.getByTestId('node-creator').getByText('Get many slots', { exact: true }).click();
	await page.getByTestId('ndv').first().waitFor();
	await page.getByTestId('parameter-input-operation').waitFor();
	assert.equal(
		await page.getByTestId('parameter-input-operation').locator('input').first().inputValue(),
		'Get Many Slots',
	);

	// One Custom API Call in the Resource list.
	await page.getByTestId('parameter-input-resource').click();
	const resources = await page.getByRole('option').allInnerTexts();
	assert.equal(
		resources.filter((name) => /custom api call/i.test(name)).length,
		1,
		resources.join(', '),
	);
	await page.keyboard.press('Escape');

	const addFilter = async (label) => {
		await page.getByTestId('collection-parameter-add').first().click();
		await page.getByRole('option', { name: label, exact: true }).click();
	};
	const listOf = async (name) => {
		await page.getByTestId(`resource-locator-${name}`).getByTestId('rlc-input').click();
		await page.getByTestId('rlc-item').first().waitFor();
		return await page.getByTestId('rlc-item').allInnerTexts();
	};
	const pick = async (name, item) => {
		await page.getByTestId('rlc-item').getByText(item, { exact: true }).click();
		const shown = await page
			.getByTestId(`resource-locator-${name}`)
			.getByTestId('rlc-input-container')
			.evaluate(
				(container) =>
					[...container.querySelectorAll('input')].map((input) => input.value).join(' ') +
					container.textContent,
			);
		assert.ok(shown.includes(item), `${name} shows "${shown}"`);
	};

	// A freshly added optional filter shows no issue until a value is picked.
	await addFilter('Location');
	assert.deepEqual(await parameterIssues(), []);
	assert.deepEqual(await listOf('locationId'), ['Branch Clinic', 'Main Surgery', 'PCN Hub']);
	await pick('locationId', 'Main Surgery');
	await addFilter('Appointment Type');
	assert.deepEqual(await parameterIssues(), []);
	assert.deepEqual(
		await listOf('appointmentTypeId'),
		['GP consultation', 'Nurse blood test'],
		'types at Main Surgery only',
	);
	await pick('appointmentTypeId', 'Nurse blood test');
	await addFilter('Practitioner');
	assert.deepEqual(await listOf('practitionerId'), ['Sam Nurse'], 'nurses at Main Surgery only');
	await pick('practitionerId', 'Sam Nurse');
	assert.deepEqual(await parameterIssues(), []);
	await shot('hero-health-node.png');

	// Judged by what Hero received and what the output panel shows, not by a toast that fades;
	// a click that only closed a list still open is repeated.
	const sent = fake.requestsFor('listSlots').length;
	for (let attempt = 0; fake.requestsFor('listSlots').length === sent; attempt++) {
		if (attempt === 3) throw new Error('Execute step sent nothing to Hero');
		await page.getByTestId('node-execute-button').click();
		await waitFor(
			() => fake.requestsFor('listSlots').length > sent,
			'the slot request',
			20_000,
		).catch(() => undefined);
	}
	await page
		.getByTestId('output-panel')
		.getByText(/\d+ items?/)
		.first()
		.waitFor({ timeout: 60_000 });
	const [request] = fake.requestsFor('listSlots').slice(-1);
	assert.deepEqual(
		{
			location: request.query.location_id,
			type: request.query.appointment_type_id,
			practitioner: request.query.practitioner_id,
		},
		{ location: ['301'], type: ['502'], practitioner: ['402'] },
	);

	// The Operation list, opened: every Booking operation, for the README.
	await page.getByTestId('parameter-input-operation').click();
	const operations = await page.getByRole('option').allInnerTexts();
	assert.ok(
		operations.some((name) => name.startsWith('Get Many Slots')),
		operations.join(', '),
	);
	// n8n would add its own Custom API Call to the end of every Operation list; the node's is a resource.
	assert.equal(
		operations.filter((name) => /custom api call/i.test(name)).length,
		0,
		operations.join(', '),
	);
	await shot('hero-health-operations.png');
	await page.keyboard.press('Escape');
	assert.deepEqual(nodeErrors, []);
	assert.deepEqual(fake.violations, []);
});

test('the outcomes trigger opens without issues', async () => {
	await openWorkflow('HeroExampleUnrch');
	await page.getByTestId('canvas-node').filter({ hasText: 'Not Reached' }).first().dblclick();
	await page.getByTestId('ndv').first().waitFor();
	assert.deepEqual(await parameterIssues(), []);
	await shot('hero-health-outcomes-trigger.png');
	await page.keyboard.press('Escape');
	assert.deepEqual(nodeErrors, []);
});

test('the trigger node opens without issues', async () => {
	const crm = e2e.EXAMPLES.find((example) => example.event);
	await openWorkflow(crm.id);
	await page.getByTestId('canvas-node').filter({ hasText: 'New Booking' }).first().dblclick();
	await page.getByTestId('ndv').first().waitFor();
	assert.deepEqual(await parameterIssues(), []);
	await shot('hero-health-trigger.png');
	await page.keyboard.press('Escape');
	assert.deepEqual(nodeErrors, []);
});
