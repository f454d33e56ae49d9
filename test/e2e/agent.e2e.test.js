'use strict';
// Hero Health as an AI agent's tool, in real n8n: the AI receptionist example (AI Agent, OpenAI
// Chat Model, five Hero Health Tool nodes filled by $fromAI) against a scripted
// OpenAI-compatible model and the fake Hero. Writes docs/ai-agent.md under HERO_WRITE_DOCS=1;
// otherwise checks it still says what the model was told.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const e2e = require('../../dev/n8n');
const { createFakeHero } = require('../../dev/fake-hero/server');
const { createScriptedModel, toolHistory } = require('../../dev/fake-llm/server');
const { writingDocs } = require('../harness/files');

const EXAMPLE = e2e.EXAMPLES.find((example) => example.model);
const DOC = path.join(e2e.ROOT, 'docs', 'ai-agent.md');
const TOOLS = ['Find_Slots', 'Find_Patient', 'Reserve_Slot', 'Book_Appointment', 'Text_Patient'];

let fake;
let model;
let n8n;
let run;
/** n8n 1.x ends the run when a tool fails; 2.x hands the error to the model. */
let runError;
const isN8n1 = () => n8n.major === 1;

before(
	async () => {
		const bins = e2e.provision();
		const userFolder = e2e.tempUserFolder('hero-agent-');
		e2e.installPackage(userFolder, e2e.buildAndPack(path.join(userFolder, 'pack')));
		fake = await createFakeHero().start();
		model = await createScriptedModel().start();
		n8n = new e2e.N8n({ userFolder, ...bins });
		await n8n.importCredential(fake.url, fake);
		await n8n.importModelCredential(model.url);
		await n8n.importWorkflow(path.join(e2e.ROOT, 'examples', EXAMPLE.file), EXAMPLE.id);
		try {
			run = await n8n.execute(EXAMPLE.id);
		} catch (error) {
			if (!isN8n1()) throw error;
			runError = error;
		}
	},
	{ timeout: 1_800_000 },
);

after(async () => {
	if (model) await model.close();
	if (fake) await fake.close();
});

/** What the model saw of each tool: name, description, JSON schema of its arguments. */
function toolDefinitions() {
	return model.tools
		.map(({ function: fn }) => ({
			name: fn.name,
			description: fn.description,
			parameters: fn.parameters,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

test('the agent books through the Hero Health tools: slots, patient, reserve, book, SMS, in that order', () => {
	if (isN8n1()) {
		// Known and in the README: n8n 1.x stops the whole workflow on the first tool error.
		assert.match(String(runError?.message), /NHS Number: has a wrong check digit/);
		assert.deepEqual(
			fake.requests.map((request) => request.operationId),
			['listSlots'],
		);
		return;
	}
	assert.equal(run.error, undefined, JSON.stringify(run.error));
	const [[answer]] = run.output('AI Receptionist');
	assert.match(
		answer.output,
		/^Booked the appointment at \d{4}-\d\d-\d\dT.* and texted the patient the confirmation\.$/,
	);

	const hero = fake.requests.map((request) => request.operationId);
	assert.deepEqual(hero, [
		'listSlots',
		'listPatientsV3',
		'createAppointment',
		'bookAppointment',
		// Node version 4: the Contactability Check reads the patient before the SMS.
		'getPatientById',
		'sendMessage',
	]);
	const [slots] = fake.requestsFor('listSlots');
	const calls = toolHistory(model.requests[model.requests.length - 1].messages);
	assert.deepEqual(
		calls.map((call) => call.name),
		[
			'Find_Slots',
			'Find_Patient',
			'Find_Patient',
			'Reserve_Slot',
			'Book_Appointment',
			'Text_Patient',
		],
	);
	assert.deepEqual(
		[slots.query.start_date, slots.query.end_date],
		[[calls[0].args.startDate], [calls[0].args.endDate]],
	);
	assert.deepEqual(fake.requestsFor('listPatientsV3')[0].query.nhs_number, ['9990000018']);
	// As a tool, a patient record reaches the model without contact details or address.
	const found = calls[2].content;
	assert.match(found, /9990000018/);
	for (const key of ['mobile', 'email', 'postcode', 'address_line_1', 'town']) {
		assert.ok(
			!found.includes(`"${key}"`) && !found.includes(`\\"${key}\\"`),
			`the model was told ${key}`,
		);
	}

	const reserve = calls[3].args;
	const [created] = fake.requestsFor('createAppointment');
	assert.equal(created.body.patient_id, reserve.patientId);
	assert.equal(Date.parse(created.body.start_time), Date.parse(reserve.startTime));
	assert.equal(String(created.body.practitioner_id), reserve.practitionerId);
	const [booked] = fake.requestsFor('bookAppointment');
	assert.equal(booked.path, `/v1/appointments/${calls[4].args.appointmentId}/book`);
	const [sms] = fake.requestsFor('sendMessage');
	assert.equal(sms.body.message_type, 'sms');
	assert.equal(String(sms.body.patient_id), reserve.patientId);
	assert.match(sms.body.message_string, /^Your appointment is booked for /);
	assert.deepEqual(fake.violations, []);
});

test('a bad NHS number from the model comes back to it as a readable error, and the run goes on', (t) => {
	if (isN8n1()) return t.skip('n8n 1.x ends the run on a tool error instead (README)');
	const calls = toolHistory(model.requests[model.requests.length - 1].messages);
	const [mistyped] = calls.filter((call) => call.name === 'Find_Patient');
	assert.equal(mistyped.args.nhsNumber, '9990000019');
	assert.match(mistyped.content, /NHS Number/);
	assert.match(mistyped.content, /check digit/i);
	assert.doesNotMatch(mistyped.content, /\n\s+at \S+ \(/, 'no stack trace');
	// It never reached Hero.
	assert.equal(fake.requestsFor('listPatientsV3').length, 1);
});

test('every tool the model receives is described, and every argument typed and described', () => {
	const tools = toolDefinitions();
	assert.deepEqual(tools.map((tool) => tool.name).sort(), [...TOOLS].sort());
	for (const tool of tools) {
		assert.ok(
			tool.description.length > 80,
			`${tool.name}: description says what it does and when to use it`,
		);
		const properties = Object.entries(tool.parameters.properties ?? {});
		assert.ok(properties.length > 0, `${tool.name} takes arguments`);
		for (const [name, schema] of properties) {
			assert.ok(schema.type, `${tool.name}.${name} has a type`);
			assert.ok(
				schema.description && schema.description.length > 10,
				`${tool.name}.${name} is described`,
			);
		}
		assert.deepEqual(
			[...(tool.parameters.required ?? [])].sort(),
			properties.map(([name]) => name).sort(),
			`${tool.name}: every argument required`,
		);
	}
});

function renderDoc() {
	const calls = toolHistory(model.requests[model.requests.length - 1].messages);
	const mistyped = calls.find((call) => call.name === 'Find_Patient');
	const lines = [
		"# Hero Health as an AI agent's tool: what the model sees",
		'',
		`Generated by the AI receptionist scenario of \`npm run test:e2e\` (\`test/e2e/agent.e2e.test.js\`), in n8n ${n8n.version}`,
		'with the AI Agent node 3 and the OpenAI Chat Model node 1.2, from the request n8n sent to a scripted',
		'OpenAI-compatible model. Regenerate with `HERO_WRITE_DOCS=1 npm run test:e2e`; the suite fails when',
		'this page no longer matches what the model receives.',
		'',
		'The workflow is `examples/ai-receptionist.json`. Each tool is a Hero Health Tool node: its',
		"description is the node's *Tool Description* (set manually there; left on *Set Automatically*,",
		'n8n sends only the action and " in Hero Health", e.g. "Get many slots in Hero Health"), and its',
		"arguments are the node's `$fromAI()` expressions, with the descriptions and types they give.",
		'',
		'## The run',
		'',
		`The model called, in order: ${calls.map((call) => `\`${call.name}\``).join(', ')}, then answered.`,
		'The first `Find_Patient` call carried a mistyped NHS number; the node refused it before sending',
		"anything to Hero, and the model received this as the tool's result, corrected the number and",
		'went on:',
		'',
		'```',
		mistyped.content,
		'```',
		'',
		'Use the AI Agent node at version 3 or later (the default for new agents in n8n 2.x). Checked',
		'here with version 2.2 in the same n8n: the run goes on, but a failing tool reaches the model as an',
		'empty message, so the model cannot tell what to correct.',
		'',
		'## The tools, as the model received them',
		'',
	];
	for (const tool of toolDefinitions()) {
		lines.push(
			`### ${tool.name}`,
			'',
			tool.description,
			'',
			'```json',
			JSON.stringify(tool.parameters, null, 2),
			'```',
			'',
		);
	}
	return lines.join('\n');
}

test('docs/ai-agent.md shows every tool definition the model saw', (t) => {
	if (n8n.version !== e2e.DEFAULT_N8N_VERSION)
		return t.skip(`written from n8n ${e2e.DEFAULT_N8N_VERSION} only`);
	const doc = renderDoc();
	if (writingDocs()) fs.writeFileSync(DOC, doc);
	assert.equal(
		fs.readFileSync(DOC, 'utf8'),
		doc,
		'docs/ai-agent.md is out of date: run HERO_WRITE_DOCS=1 npm run test:e2e',
	);
});

test('as a tool too, what is sent is checked and no secret reaches the model: a placeholder NHS number, a key-echoing Hero', async () => {
	// A second scripted model: Find_Slots meets a Hero that repeats the API key in its error,
	// then Find_Patient is given an NHS number of one repeated digit.
	const script = (messages) => {
		const history = toolHistory(messages);
		if (history.length === 0)
			return { tool: 'Find_Slots', args: { startDate: '2026-12-07', endDate: '2026-12-11' } };
		if (history.length === 1) return { tool: 'Find_Patient', args: { nhsNumber: '1111111111' } };
		return { answer: 'I could not find the patient.' };
	};
	const edges = await createScriptedModel({ script }).start();
	try {
		await n8n.importModelCredential(edges.url);
		fake.reset();
		fake.inject({
			operationId: 'listSlots',
			status: 400,
			body: {
				error: true,
				statusCode: 400,
				message: [
					{
						path: ['auth'],
						expected: `the key ${fake.apiKey} (${Buffer.from(fake.apiKey).toString('base64')})`,
					},
				],
			},
		});
		let result;
		try {
			result = await n8n.execute(EXAMPLE.id);
		} catch (error) {
			if (!isN8n1()) throw error;
			result = { error };
		}
		const told = JSON.stringify(edges.requests);
		assert.ok(!told.includes(fake.apiKey), 'the API key never reaches the model');
		assert.ok(!told.includes(Buffer.from(fake.apiKey).toString('base64').slice(0, -4)));
		assert.deepEqual(
			fake.requestsFor('listPatientsV3'),
			[],
			'the placeholder NHS number never reached Hero',
		);
		if (isN8n1()) {
			// n8n 1.x ends the run on the first tool error (README): the key-echoing one.
			assert.ok(!String(result.error?.message).includes(fake.apiKey));
			return;
		}
		const calls = toolHistory(edges.requests[edges.requests.length - 1].messages);
		assert.deepEqual(
			calls.map((call) => call.name),
			['Find_Slots', 'Find_Patient'],
		);
		assert.match(calls[1].content, /NHS Number: is one digit repeated/);
	} finally {
		await n8n.importModelCredential(model.url);
		await edges.close();
	}
});

test('as a tool too, one practice per item, lists that cannot stop short, Retry-After read strictly', async () => {
	// The receptionist with Find Slots acting for practice 4243 (Request Options) and Find Patient
	// reading every page. Find_Slots meets a 503 with Retry-After "1" then a 429 with a Retry-After
	// that is no number or date; Find_Patient meets pages that end before Hero's count.
	const workflow = JSON.parse(
		fs.readFileSync(path.join(e2e.ROOT, 'examples', EXAMPLE.file), 'utf8'),
	);
	const node = (name) => workflow.nodes.find((n) => n.name === name);
	node('Find Slots').parameters.requestOptions = { practiceGroupId: '4243' };
	node('Find Patient').parameters.requestOptions = { practiceGroupId: '4243' };
	node('Find Patient').parameters.returnAll = true;
	const file = path.join(n8n.userFolder, 'agent-edges.json');
	fs.writeFileSync(file, JSON.stringify(workflow));
	const id = await n8n.importWorkflow(file, 'HeroExampleAgentEdges');

	const script = (messages) => {
		const history = toolHistory(messages);
		if (history.length === 0)
			return { tool: 'Find_Slots', args: { startDate: '2026-12-07', endDate: '2026-12-11' } };
		if (history.length === 1) return { tool: 'Find_Patient', args: { nhsNumber: '9990000018' } };
		return { answer: 'I could not read the whole patient list.' };
	};
	const edges = await createScriptedModel({ script }).start();
	try {
		await n8n.importModelCredential(edges.url);
		fake.reset();
		fake.inject({ operationId: 'listSlots', status: 503, retryAfter: '1' });
		fake.inject({ operationId: 'listSlots', status: 429, retryAfter: 'garbage 12' });
		const patient = {
			id: 1,
			first_name: 'Zed',
			last_name: 'Placeholder',
			nhs_number: '9990000018',
		};
		fake.inject({
			operationId: 'listPatientsV3',
			status: 200,
			body: { data: [patient], count: 3 },
		});
		fake.inject({ operationId: 'listPatientsV3', status: 200, body: { data: [], count: 3 } });
		let result;
		try {
			result = await n8n.execute(id);
		} catch (error) {
			if (!isN8n1()) throw error;
			result = { error };
		}
		// Retry-After "1" waited, "garbage 12" backed off (not read as a date in 2001), then read.
		assert.equal(fake.received('listSlots'), 3, 'two refusals, then the slots');
		const practices = fake.requests
			.filter((r) => ['listSlots', 'listPatientsV3'].includes(r.operationId))
			.map((r) => `${r.operationId} ${r.headers['x-practice-group-id']}`);
		assert.deepEqual(practices, [
			'listSlots 4243',
			'listSlots 4243',
			'listSlots 4243',
			'listPatientsV3 4243',
			'listPatientsV3 4243',
		]);
		const short = "Hero's list ended early: it reported 3 records but sent 1";
		if (isN8n1()) {
			// n8n 1.x ends the run on the first tool error (README): the short list.
			assert.match(String(result.error?.message), new RegExp(short.replace(/[.']/g, '.')));
			return;
		}
		const calls = toolHistory(edges.requests[edges.requests.length - 1].messages);
		assert.deepEqual(
			calls.map((call) => call.name),
			['Find_Slots', 'Find_Patient'],
		);
		assert.ok(!/error/i.test(calls[0].content), 'the slots came back after the waits');
		assert.ok(calls[1].content.includes(short), `the model is told: ${calls[1].content}`);
		assert.ok(!calls[1].content.includes('Placeholder'), 'no partial list reaches the model');
	} finally {
		await n8n.importModelCredential(model.url);
		await edges.close();
	}
});
