'use strict';
// `npm run bench:queue`: one rate budget per Hero key, on n8n's distributed engine. n8n in queue
// mode (dev/cluster.js: PostgreSQL, Redis, main, two workers, a webhook processor)
// against a fake Hero allowing BENCH_QUEUE_RATE requests/s (100) for the key. Baseline: one
// workflow sending BENCH_QUEUE_SENDS (500) SMS on one worker; then four such workflows started at
// once across both workers. Reports each as a share of the allowed rate, failures and
// duplicates, and writes the "Queue mode" section of docs/benchmarks.md. For reading, not failing.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { Cluster, waitFor } = require('../../dev/cluster');
const e2e = require('../../dev/n8n');
const { createFakeHero } = require('../../dev/fake-hero/server');
const { executionsByStatus, importWorkflow, sendSmsNode } = require('../queue/workflows');

const RATE = Number(process.env.BENCH_QUEUE_RATE || 100);
const SENDS = Number(process.env.BENCH_QUEUE_SENDS || 500);
const WORKFLOWS = 4;

/** A webhook with a list of patients → one SMS each, through the Hero Health node. */
function sendWorkflow(n) {
	return {
		name: `Bench: bulk SMS ${n}`,
		nodes: [
			{
				id: `w${n}`,
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `0b7e5f2a-9c41-4d7e-8a11-0000000bc0${n}0`,
				parameters: {
					httpMethod: 'POST',
					path: `hero-bench-${n}`,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: `s${n}`,
				name: 'Each Patient',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					fieldToSplitOut: 'body.patients',
					options: { destinationFieldName: 'patient' },
				},
			},
			sendSmsNode({
				id: `h${n}`,
				position: [480, 0],
				patientId: '={{ $json.patient.id }}',
				message: '=Bench {{ $json.patient.tag }}',
				concurrency: 5,
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Each Patient', type: 'main', index: 0 }]] },
			'Each Patient': { main: [[{ node: 'Send SMS', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

async function main() {
	const fake = await createFakeHero().start();
	const cluster = new Cluster({ workers: 2, webhooks: 1 });
	const report = {};
	try {
		await cluster.start(fake);
		for (let n = 1; n <= WORKFLOWS; n++) {
			const id = `HeroBenchSend${n}`;
			await importWorkflow(cluster, sendWorkflow(n), id);
			await cluster.main.activate(cluster.owner.cookie, id);
		}
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const patientIds = [...fake.store.patients.keys()];

		/** Starts `workflows` bulk sends at once; resolves when every SMS is in or sending stops. */
		async function round(label, workflows) {
			fake.limitRate(RATE, RATE);
			const before = new Set(fake.store.messages.keys());
			const started = Date.now();
			await Promise.all(
				workflows.map(async (n) => {
					const patients = Array.from({ length: SENDS }, (_, i) => ({
						id: patientIds[i % patientIds.length],
						tag: `${label}-${n}-${i}`,
					}));
					const response = await fetch(`${cluster.webhooks[0].url}/webhook/hero-bench-${n}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ patients }),
					});
					if (!response.ok)
						throw new Error(
							`workflow ${n} did not start: ${response.status} ${await response.text()}`,
						);
				}),
			);
			const sent = () =>
				[...fake.store.messages.entries()]
					.filter(
						([key, message]) => !before.has(key) && message.content.startsWith(`Bench ${label}-`),
					)
					.map(([, message]) => message.content);
			const expected = workflows.length * SENDS;
			let lastCount = -1;
			let lastChange = Date.now();
			await waitFor(
				() => {
					const count = sent().length;
					if (count !== lastCount) [lastCount, lastChange] = [count, Date.now()];
					return count >= expected || Date.now() - lastChange > 30_000;
				},
				`${label}: ${expected} SMS`,
				900_000,
			);
			const seconds = (Date.now() - started) / 1000;
			const messages = sent();
			// Requests Hero received but did not process: the 429s (nothing else fails here).
			const rejected = Object.entries(fake.stats.received).reduce(
				(sum, [op, count]) => sum + count - (fake.stats.processed[op] ?? 0),
				0,
			);
			fake.limitRate(0);
			await new Promise((resolve) => setTimeout(resolve, 3000));
			const statuses = executionsByStatus(cluster, ...workflows.map((n) => `HeroBenchSend${n}`));
			return {
				workflows: workflows.length,
				expected,
				sent: messages.length,
				duplicates: messages.length - new Set(messages).size,
				failed: expected - new Set(messages).size,
				seconds,
				rate: messages.length / seconds,
				share: messages.length / seconds / RATE,
				throttled: rejected,
				statuses,
			};
		}

		const finishedBefore = cluster.finishedByWorker();
		fake.reset();
		report.baseline = await round('one', [1]);
		const afterBaseline = cluster.finishedByWorker();
		cluster.sql('delete from execution_entity');
		fake.reset();
		report.shared = await round('four', [1, 2, 3, 4]);
		const afterShared = cluster.finishedByWorker();
		report.perWorker = Object.fromEntries(
			Object.keys(afterShared).map((name) => [name, afterShared[name] - afterBaseline[name]]),
		);
		report.baselineWorker = Object.keys(afterBaseline).find(
			(name) => afterBaseline[name] > (finishedBefore[name] ?? 0),
		);
		report.versions = {
			...cluster.versions,
			node: execFileSync(cluster.main.nodeBin, ['--version'], { encoding: 'utf8' }).trim(),
		};
	} finally {
		await cluster.stop();
		await fake.close();
	}
	const section = render(report);
	process.stdout.write(`${section}\n`);
	const file = path.join(e2e.ROOT, 'docs', 'benchmarks.md');
	const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
	const at = current.indexOf('\n## Queue mode');
	fs.writeFileSync(
		file,
		`${(at >= 0 ? current.slice(0, at) : current).replace(/\n*$/, '\n')}\n${section}`,
	);
}

function render({ baseline, shared, perWorker, baselineWorker, versions }) {
	const pct = (share) => `${Math.round(share * 100)} %`;
	const row = (label, r) =>
		`| ${label} | ${r.expected} | ${r.sent} | ${r.failed} | ${r.duplicates} | ${r.seconds.toFixed(1)} s | ${r.rate.toFixed(1)}/s | **${pct(r.share)}** | ${r.throttled} |`;
	return [
		'## Queue mode: one rate budget per Hero key',
		'',
		`Written by \`npm run bench:queue\` (\`test/bench/queue.js\`). n8n ${versions.n8n} in queue mode (${versions.postgres}; ${versions.redis}):`,
		'main, two workers (`--concurrency=10`), one webhook processor; the fake Hero allows',
		`${RATE} requests/s for the key (a token bucket, burst ${RATE}) and answers 429 with Retry-After above it.`,
		`Each workflow: Webhook → Split Out → Hero Health *Send a message* (SMS, Concurrency 5) to ${SENDS} patients.`,
		`Machine: ${os.cpus().length} × ${os.cpus()[0].model.split(' ').slice(0, 2).join(' ')}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}, n8n on Node ${versions.node}; ${new Date().toISOString().slice(0, 10)}.`,
		'',
		'| Run | SMS asked | Sent | Failed | Sent twice | Time | Rate | Share of the allowed rate | 429s |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
		row(`Baseline: 1 workflow on 1 worker (${baselineWorker})`, baseline),
		row(`${shared.workflows} workflows at once across 2 workers`, shared),
		'',
		`Executions per worker in the shared run: ${Object.entries(perWorker)
			.map(([name, count]) => `${name} ${count}`)
			.join(', ')}.`,
		`Four workflows reach ${(shared.share / baseline.share).toFixed(2)} × the baseline's share. Within a worker, executions using`,
		'the same credential share one pacer; the two workers each learn the limit from their own 429s',
		'and back off on their own, so they converge without talking to each other.',
		'',
	].join('\n');
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
