// The figures a practice's IT lead asks for: what happens under each Hero fault, what bad input
// is refused, and bulk sending through 429s. docs/reliability.md is this suite's report.
import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../../dev/fake-hero/server';
import { byId, runHero } from '../harness/engine';
import { useFakeHero } from '../harness/fakeHero';
import { reportSection } from './report';

const fake = useFakeHero();
const faultRows: string[] = [];
const inputRows: string[] = [];
const loadRows: string[] = [];

const FAULTS: Array<[string, () => Fault]> = [
	['429, Retry-After in seconds', () => ({ status: 429, retryAfter: 1 })],
	[
		'429, Retry-After as an HTTP date',
		() => ({ status: 429, retryAfter: new Date(Date.now() + 1500).toUTCString() }),
	],
	['429 without Retry-After', () => ({ status: 429 })],
	['500', () => ({ status: 500 })],
	['502', () => ({ status: 502 })],
	['503', () => ({ status: 503 })],
	['504', () => ({ status: 504 })],
	['connection reset before the response', () => ({ reset: 'before' })],
	['connection reset after Hero processed it', () => ({ reset: 'after' })],
	['timeout (no answer)', () => ({ hang: true })],
	['timeout after Hero processed it', () => ({ hang: 'after' })],
	['malformed JSON', () => ({ raw: '{"id": "2000', contentType: 'application/json' })],
	[
		'HTML error page (503)',
		() => ({
			status: 503,
			raw: '<html><body><h1>503 Service Unavailable</h1></body></html>',
			contentType: 'text/html',
		}),
	],
	['empty body', () => ({ raw: '', contentType: 'application/json' })],
];

const OPERATIONS = {
	'Get a Patient (GET)': {
		operationId: 'getPatientById',
		parameters: { resource: 'patient', operation: 'get', patientId: byId('20001') },
	},
	'Send a Message (POST)': {
		operationId: 'sendMessage',
		parameters: {
			resource: 'message',
			operation: 'send',
			patientId: byId('20001'),
			channel: 'sms',
			message: 'Reminder: flu clinic on Saturday',
		},
	},
};

function outcome(run: { error?: { message?: string }; json: IDataObject[] }): string {
	return run.error ? `error: ${run.error.message?.replace(/^\[item 0\] /, '')}` : 'success';
}

describe('fault matrix', () => {
	for (const [label, { operationId, parameters }] of Object.entries(OPERATIONS)) {
		it.each(FAULTS)(`${label}: %s`, async (fault, make) => {
			fake.inject({ operationId, ...make() });
			const run = await runHero({ ...parameters, requestOptions: { timeout: 2 } }, { fake });
			const received = fake.received(operationId);
			const processed = fake.processed(operationId);
			faultRows.push(`| ${label} | ${fault} | ${outcome(run)} | ${received} | ${processed} |`);
			// A message Hero processed is never sent again; a read ends in success or a clear error.
			if (operationId === 'sendMessage') expect(processed).toBeLessThanOrEqual(1);
			if (run.error) expect(run.error.message).toMatch(/^\[item 0\] (Hero|Could not)/);
			if (operationId === 'getPatientById' && fault !== '500') expect(run.error).toBeUndefined();
			if (operationId === 'sendMessage' && fault.startsWith('429')) expect(processed).toBe(1);
		});
	}
});

const VALID = {
	nhs: '999 000 0018',
	mobile: '07700 900001',
	email: 'patient@example.com',
	dob: '1970-01-31',
	first: 'Test',
	last: 'Case',
};

/** [area, field shown, what is wrong, operation, input overrides] */
type InputCase = [string, string, string, string, IDataObject];
const register = 'register';
const send = 'send';
const appt = 'appointment';
const hca = 'hca';
const custom = 'custom';
const INPUTS: InputCase[] = [
	['NHS number', 'NHS Number', 'wrong check digit', register, { nhs: '943 476 5918' }],
	[
		'NHS number',
		'NHS Number',
		"Hero's documentation example (fails Modulus 11)",
		register,
		{ nhs: '123 456 7891' },
	],
	['NHS number', 'NHS Number', 'check digit would be 10', register, { nhs: '9990000000' }],
	['NHS number', 'NHS Number', 'nine digits', register, { nhs: '999 000 001' }],
	['NHS number', 'NHS Number', 'eleven digits', register, { nhs: '99900000181' }],
	['NHS number', 'NHS Number', 'letters', register, { nhs: '999 000 00AB' }],
	['NHS number', 'NHS Number', 'Arabic-Indic digits', register, { nhs: '٩٩٩٠٠٠٠٠١٨' }],
	['NHS number', 'NHS Number', 'full-width digits', register, { nhs: '９９９０００００１８' }],
	['Phone', 'Mobile', 'landline', register, { mobile: '020 7946 0000' }],
	['Phone', 'Mobile', 'freephone', register, { mobile: '0800 123 456' }],
	['Phone', 'Mobile', 'US number', register, { mobile: '+1 555 123 4567' }],
	['Phone', 'Mobile', 'one digit short', register, { mobile: '07700 90012' }],
	['Phone', 'Mobile', 'one digit long', register, { mobile: '07700 9001234' }],
	['Phone', 'Mobile', 'words', register, { mobile: 'call me' }],
	['Phone', 'Mobile', 'plus sign inside', register, { mobile: '07700+900123' }],
	['Phone', 'Mobile', 'full-width digits', register, { mobile: '０７７００９００１２３' }],
	['Phone', 'Recipient', 'email address for an SMS', send, { recipient: 'patient@example.com' }],
	['Email', 'Email', 'no @', register, { email: 'patient.example.com' }],
	['Email', 'Email', 'no domain dot', register, { email: 'patient@localhost' }],
	['Email', 'Email', 'space inside', register, { email: 'pat ient@example.com' }],
	['Email', 'Email', 'nothing before @', register, { email: '@example.com' }],
	['Email', 'Email', 'two @', register, { email: 'a@b@example.com' }],
	[
		'Email',
		'Recipient',
		'mobile number for an email',
		send,
		{ channel: 'email', recipient: '07700 900123' },
	],
	['Date', 'Date of Birth', '31 February', register, { dob: '31/02/1990' }],
	['Date', 'Date of Birth', 'month 13', register, { dob: '1990-13-01' }],
	['Date', 'Date of Birth', 'a word', register, { dob: 'yesterday' }],
	['Date', 'Date of Birth', '30 February, ISO', register, { dob: '1990-02-30' }],
	['Date', 'Date of Birth', 'US order 12/31/1990', register, { dob: '12/31/1990' }],
	['Required', 'First Name', 'empty', register, { first: '' }],
	['Required', 'Last Name', 'only spaces', register, { last: '   ' }],
	['Required', 'Message', 'empty message', send, { message: '' }],
	['Required', 'Patient', 'no patient', send, { patient: '' }],
	['Oversized', 'Message', '5,001 characters', send, { message: 'x'.repeat(5001) }],
	['Oversized', 'First Name', '101 characters', register, { first: 'y'.repeat(101) }],
	['Oversized', 'Email', '300 characters', register, { email: `${'z'.repeat(290)}@example.com` }],
	['Unicode', 'Patient', 'zero-width space in the ID', send, { patient: '2000\u200b1' }],
	['Unicode', 'Appointment ID', 'non-breaking space inside', appt, { id: '12\u00a034' }],
	['Path injection', 'Appointment ID', '../', appt, { id: '../admins' }],
	['Path injection', 'Appointment ID', '?', appt, { id: '1?page_size=1000' }],
	['Path injection', 'Appointment ID', '#', appt, { id: '1#fragment' }],
	['Path injection', 'Appointment ID', '%2F', appt, { id: '1%2F..%2Fadmins' }],
	['Path injection', 'Appointment ID', 'space', appt, { id: '1 2' }],
	['Path injection', 'Patient', '../ in a patient ID', send, { patient: '../../v1/admins' }],
	['Path injection', 'GMC Number', '/ in a GMC number', hca, { gmc: '7000001/../../admins' }],
	[
		'Path injection',
		'Path',
		'traversal in a Custom API Call',
		custom,
		{ path: '/v1/me/../../admin' },
	],
	['Path injection', 'Path', 'query in a Custom API Call path', custom, { path: '/v1/me?x=1' }],
	[
		'Path injection',
		'Path',
		'absolute URL in a Custom API Call',
		custom,
		{ path: 'https://elsewhere.example/v1/me' },
	],
];

function parametersFor(kind: string): IDataObject {
	switch (kind) {
		case register:
			return {
				resource: 'patient',
				operation: 'register',
				firstName: '={{ $json.first }}',
				lastName: '={{ $json.last }}',
				dateOfBirth: '={{ $json.dob }}',
				mobile: '={{ $json.mobile }}',
				additionalFields: { nhsNumber: '={{ $json.nhs }}', email: '={{ $json.email }}' },
			};
		case send:
			return {
				resource: 'message',
				operation: 'send',
				patientId: { __rl: true, mode: 'id', value: '={{ $json.patient }}' },
				channel: '={{ $json.channel }}',
				message: '={{ $json.message }}',
				// Quiet hours and the patient read off: the cases are about input, whatever the time.
				sendWindow: 'off',
				contactabilityCheck: 'off',
				additionalFields: { recipient: '={{ $json.recipient }}' },
			};
		case appt:
			return { resource: 'booking', operation: 'getAppointment', appointmentId: '={{ $json.id }}' };
		case hca:
			return { resource: 'hcaConsultant', operation: 'get', gmcNumber: '={{ $json.gmc }}' };
		default:
			return {
				resource: 'customApiCall',
				operation: 'call',
				method: 'GET',
				path: '={{ $json.path }}',
			};
	}
}

const DEFAULTS: Record<string, IDataObject> = {
	[register]: VALID,
	[send]: { patient: '20001', channel: 'sms', message: 'Hello', recipient: '07700 900001' },
	[appt]: { id: '1' },
	[hca]: { gmc: '7000001' },
	[custom]: { path: '/v1/me' },
};

describe('bad-input matrix', () => {
	beforeAll(() => {
		fake.store.appointments.set('1', {
			id: '1',
			practitioner_id: '401',
			location_id: '301',
			appointment_type_id: '501',
			start_time: '2026-12-01T09:00:00Z',
			status: 'reserved',
		});
	});

	it.each(['register', 'send', 'appointment', 'hca', 'custom'])(
		'%s: each bad item is refused by name, valid items still go',
		async (kind) => {
			const cases = INPUTS.filter((c) => c[3] === kind);
			const items = [
				DEFAULTS[kind],
				...cases.map((c) => ({ ...DEFAULTS[kind], ...c[4] })),
				DEFAULTS[kind],
			];
			const run = await runHero(parametersFor(kind), { fake, items, continueOnFail: true });
			expect(run.json).toHaveLength(items.length);
			cases.forEach(([area, field, what], index) => {
				const item = index + 1;
				const error = String(run.json[item].error ?? '');
				expect(error).toMatch(new RegExp(`^\\[item ${item}\\] ${field}`));
				inputRows.push(`| ${area} | ${field} | ${what} | ${error.replace(/\|/g, '\\|')} | 0 |`);
			});
			// Only the two valid items went to Hero, and both succeeded.
			expect(fake.requests).toHaveLength(2);
			expect(run.json[0].error).toBeUndefined();
			expect(run.json[items.length - 1].error).toBeUndefined();
		},
	);
});

// Scripted 429s rather than a rate in requests per second: the same requests are refused on any
// machine, however fast it sends. The rate the pacer reaches is measured in `npm run bench`.
const LOAD = { sends: 500, concurrency: 10, limitedAfter: 100, limited: 30 };

describe('load', () => {
	it('sends through a burst of 429s: each processed exactly once, in-flight within Concurrency', async () => {
		fake.inject({
			operationId: 'sendMessage',
			status: 429,
			retryAfter: 1,
			after: LOAD.limitedAfter,
			times: LOAD.limited,
		});
		const items = Array.from({ length: LOAD.sends }, (_, i) => ({
			patient: String(20001 + (i % 240)),
			n: i,
		}));
		const before = fake.store.messages.size;
		const run = await runHero(
			{
				resource: 'message',
				operation: 'send',
				patientId: { __rl: true, mode: 'id', value: '={{ $json.patient }}' },
				channel: 'sms',
				message: '=Reminder {{ $json.n }}',
				requestOptions: { concurrency: LOAD.concurrency, maxAttempts: 3 },
			},
			{ fake, items },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(LOAD.sends);
		const sent = [...fake.store.messages.values()]
			.slice(before)
			.map((m: { content: string }) => m.content);
		const unique = new Set(sent);
		expect(sent).toHaveLength(LOAD.sends);
		expect(unique.size).toBe(LOAD.sends);
		expect(fake.processed('sendMessage')).toBe(LOAD.sends);
		expect(fake.received('sendMessage')).toBe(LOAD.sends + LOAD.limited);
		expect(fake.stats.maxInFlight).toBeLessThanOrEqual(LOAD.concurrency);
		loadRows.push(
			`| Send a Message × ${LOAD.sends}, Concurrency ${LOAD.concurrency}; Hero answers 429 (Retry-After 1 s) to ${LOAD.limited} requests after the first ${LOAD.limitedAfter} | ${fake.processed('sendMessage')} / ${LOAD.sends} | ${LOAD.sends - unique.size} | ${fake.received('sendMessage') - LOAD.sends} | at most ${LOAD.concurrency} |`,
		);
	});
});

it('every case above reported its row', () => {
	expect([faultRows.length, inputRows.length, loadRows.length]).toEqual([
		FAULTS.length * 2,
		INPUTS.length,
		1,
	]);
});

reportSection('docs/reliability.md', 'reliability', () =>
	[
		'Generated by `npm run docs` from `test/reliability/reliability.test.ts` and',
		'`test/reliability/hostile.test.ts` (do not edit by hand); `npm test` fails when this file is',
		'not what the suites produce.',
		"Every figure comes from the nodes running through n8n-core's `WorkflowExecute` against the fake Hero.",
		'',
		'## Faults',
		'',
		'One fault injected on the first request; Request Options as defaults (Max Attempts 5), Timeout 2 s.',
		'*Received* counts requests that reached the fake Hero; *processed* counts those it acted on.',
		'A processed send is never sent again.',
		'',
		'| Operation | Fault | Outcome | Received | Processed |',
		'| --- | --- | --- | --- | --- |',
		...faultRows,
		'',
		`Duplicate processed sends: ${faultRows.filter((row) => row.startsWith('| Send') && Number(row.split('|')[5]) > 1).length}.`,
		'',
		'## Bad input',
		'',
		'Each case is one item among valid ones, with Continue On Fail on. The error names the field and the item;',
		'*requests* is what reached Hero for that item.',
		'',
		'| Area | Field | Case | Error | Requests |',
		'| --- | --- | --- | --- | --- |',
		...inputRows,
		'',
		`${inputRows.length} cases, none sent.`,
		'',
		'## Load',
		'',
		'| Run | Processed | Duplicates | 429s waited out | In flight |',
		'| --- | --- | --- | --- | --- |',
		...loadRows,
		'',
		'The rate reached under a real rate limit depends on the machine: `npm run bench` measures it',
		'(`docs/benchmarks.md`).',
		'',
		'## Also checked on every run',
		'',
		'- **Secrets**: every output item, error and log line of every suite that talks to the fake Hero is scanned for',
		'  the API key and every webhook signing key (`test/harness/secrets.ts`); a find fails the suite. Webhook',
		'  outputs show `signing_key: "[hidden]"`.',
		'- **Webhook abuse** (`test/reliability/webhookAbuse.test.ts`): forged body, missing headers, stale and future',
		'  timestamps, the body replayed with a new timestamp, the exact request replayed, a 1 MB forged body, a wrong',
		'  content type and a non-JSON body are all refused (401, 415 or 400) and start no execution.',
		'- **Properties** (`test/reliability/properties.test.ts`, fast-check): NHS number validation agrees with an',
		'  independent Modulus 11 implementation; phone normalisation is idempotent; changing any byte of a signed',
		'  delivery, its timestamp or its signature makes verification fail.',
		'',
	].join('\n'),
);
