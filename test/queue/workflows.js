'use strict';
// What the queue suite and the queue bench (test/bench/queue.js) both build on a cluster:
// workflows that send SMS through the Hero Health node, their import, their executions.
const fs = require('fs');
const path = require('path');

const e2e = require('../../dev/n8n');

const HERO = { heroHealthApi: { id: e2e.CREDENTIAL_ID, name: 'Hero Health account' } };

/**
 * The Hero Health node sending one SMS per item: Send a Message on node version 3, as the
 * suites' saved workflows were built (no Send Window: the suites send at any hour).
 */
function sendSmsNode({ id, name = 'Send SMS', position, patientId, message, concurrency }) {
	const parameters = {
		resource: 'message',
		operation: 'send',
		patientId: { __rl: true, mode: 'id', value: patientId },
		channel: 'sms',
		message,
	};
	if (concurrency) parameters.requestOptions = { concurrency };
	return {
		id,
		name,
		type: 'n8n-nodes-herohealth.heroHealth',
		typeVersion: 3,
		position,
		parameters,
		credentials: HERO,
	};
}

/** Imports a workflow object into the cluster under `id`. */
async function importWorkflow(cluster, workflow, id) {
	const file = path.join(cluster.userFolder, `${id}.json`);
	fs.writeFileSync(file, JSON.stringify(workflow));
	await cluster.main.importWorkflow(file, id);
}

/** Executions of the workflows by status, as n8n recorded them in PostgreSQL. */
function executionsByStatus(cluster, ...workflowIds) {
	const rows = cluster.sql(
		`select status, count(*) from execution_entity where "workflowId" in (${workflowIds.map((id) => `'${id}'`).join(',')}) group by status`,
	);
	return Object.fromEntries(rows.map(([status, count]) => [status, Number(count)]));
}

module.exports = { HERO, executionsByStatus, importWorkflow, sendSmsNode };
