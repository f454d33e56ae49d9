#!/usr/bin/env node
'use strict';
// npm run screenshots: real captures of the n8n editor with this package, for the README.
// Needs Debian's chromium (apt-get install chromium); drives it with playwright-core.
const path = require('path');
const fs = require('fs');
const { chromium, selectors } = require('playwright-core');

const e2e = require('./n8n');
const { createFakeHero } = require('../../test/fake-hero/server');

const OUT = path.join(e2e.ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function main() {
	const bins = e2e.provision();
	const userFolder = e2e.tempUserFolder('hero-shots-');
	e2e.installPackage(userFolder, e2e.buildAndPack(path.join(userFolder, 'pack')));
	const fake = await createFakeHero().start();
	const n8n = new e2e.N8n({ userFolder, ...bins });
	await n8n.importCredential(fake.url, fake);
	await n8n.importWorkflow(path.join(e2e.ROOT, 'examples', 'register-patients-and-send-booking-links.json'), 'HeroExampleInvit');
	await n8n.importWorkflow(path.join(e2e.ROOT, 'examples', 'new-booking-to-crm-row.json'), 'HeroExampleCrmRw');
	await n8n.start();
	const owner = await n8n.setUpOwner();
	fs.mkdirSync(OUT, { recursive: true });

	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		selectors.setTestIdAttribute('data-test-id');
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await page.goto(`${n8n.url}/signin`);
		await page.getByLabel(/email/i).first().fill(owner.email);
		await page.getByLabel(/password/i).first().fill(owner.password);
		await page.getByRole('button', { name: /sign in/i }).click();
		await page.waitForURL(/\/home|\/workflows/, { timeout: 60_000 });

		const openNode = async (workflowId, nodeName) => {
			await page.goto(`${n8n.url}/workflow/${workflowId}`);
			const node = page.locator(`[data-name="${nodeName}"], [data-node-name="${nodeName}"]`).first();
			await node.waitFor({ timeout: 60_000 });
			await page.waitForTimeout(1500);
			await node.dblclick();
			await page.getByTestId('ndv').first().waitFor({ timeout: 30_000 });
			await page.waitForTimeout(1500);
		};

		await openNode('HeroExampleInvit', 'Text the Link');
		await page.screenshot({ path: path.join(OUT, 'hero-health-node.png') });
		// The Operation dropdown, opened: every Message operation.
		const operation = page.getByTestId('parameter-input-operation').first();
		await operation.click();
		await page.waitForTimeout(800);
		await page.screenshot({ path: path.join(OUT, 'hero-health-operations.png') });
		await page.keyboard.press('Escape');

		await openNode('HeroExampleCrmRw', 'New Booking');
		await page.screenshot({ path: path.join(OUT, 'hero-health-trigger.png') });
		process.stdout.write(`screenshots written to ${OUT}\n`);
	} finally {
		await browser.close();
		await n8n.stop();
		await fake.close();
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
