// Hostile inputs and hostile networks, as an adversarial user meets them: values mapped from
// spreadsheets and CSVs, a proxy or misconfigured server answering, a captured delivery sent
// again. Every case runs the real nodes (WorkflowExecute, WebhookContext) against the fake Hero
// and a second loopback listener standing for any other host. Its table is part of
// docs/reliability.md.
import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { byId, runHero, testCredential } from '../harness/engine';
import { useFakeHero } from '../harness/fakeHero';
import type { OtherHost, TlsHost } from '../harness/hosts';
import { startOtherHost, startTlsHost } from '../harness/hosts';
import { triggerWorkflow } from '../harness/trigger';
import { reportSection } from './report';

const fake = useFakeHero();
let other: OtherHost;
let tls: TlsHost;

beforeAll(async () => {
	other = await startOtherHost();
	tls = await startTlsHost();
	fake.store.appointments.set('1', {
		id: '1',
		patient_id: '20001',
		practitioner_id: '401',
		location_id: '301',
		appointment_type_id: '501',
		start_time: '2026-12-01T09:00:00Z',
		status: 'reserved',
		reason: 'Review',
	});
});
afterAll(async () => {
	await other?.close();
	await tls?.close();
});
afterEach(() => {
	// Nothing ever reaches another host, and no byte of the key does.
	expect(other.requests).toEqual([]);
	expect(other.bytes().includes(fake.apiKey)).toBe(false);
	other.reset();
});

const rows: string[] = [];
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
function row(
	area: string,
	input: string,
	outcome: string,
	toHero: number | string,
	elsewhere = 0,
): void {
	rows.push(`| ${area} | ${cell(input)} | ${cell(outcome)} | ${toHero} | ${elsewhere} |`);
}

/**
 * The common case: a run refused before anything reached Hero (its error is `[item 0] <why>`,
 * or contains `why` where `contains`), or one that ran; checked, then its row either way.
 */
function refusedOrRan(
	run: { error?: { message: string } },
	why: string | undefined,
	[area, input, ran]: [area: string, input: string, ran: string],
	{ contains = false, refusedAs }: { contains?: boolean; refusedAs?: string } = {},
): void {
	if (why) {
		if (contains) expect(run.error?.message).toContain(why);
		else expect(run.error?.message).toBe(`[item 0] ${why}`);
		expect(fake.requests).toHaveLength(0);
	} else {
		expect(run.error).toBeUndefined();
	}
	const refusal = refusedAs ?? String(run.error?.message).replace(/^\[item 0\] /, '');
	row(area, input, why ? `refused: ${refusal}` : ran, fake.requests.length);
}

/** How a case's input reads in the table. */
function shown(value: unknown): string {
	if (typeof value === 'string' && value.length > 60)
		return `text of ${value.length.toLocaleString('en-GB')} characters`;
	const text = JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type Expected = { sent: unknown } | { refused: string };
type Case = [input: unknown, expected: Expected];
const sent = (value: unknown): Expected => ({ sent: value });
const refused = (why: string): Expected => ({ refused: why });

/**
 * One item per case, mapped into one field by expression, Concurrency 1 and Continue On Fail:
 * a refused item errors by field and item and sends nothing; an accepted one sends exactly
 * the expected value, and nothing else goes to Hero.
 */
async function fieldMatrix(options: {
	area: string;
	field: string;
	operationId: string;
	parameters: IDataObject;
	cases: Case[];
	read: (request: { body: IDataObject; query: Record<string, string[]> }) => unknown;
}): Promise<void> {
	const items = options.cases.map(([value], n) => ({ v: value as IDataObject[string], n }));
	const run = await runHero(
		{ ...options.parameters, requestOptions: { concurrency: 1 } },
		{ fake, items, continueOnFail: true },
	);
	expect(run.json).toHaveLength(items.length);
	const requests = fake.requestsFor(options.operationId);
	let next = 0;
	options.cases.forEach(([value, expected], n) => {
		const error = run.json[n].error as string | undefined;
		if ('refused' in expected) {
			expect(error).toMatch(
				new RegExp(`^\\[item ${n}\\] ${options.field.replace(/[()]/g, '\\$&')}: `),
			);
			expect(error).toContain(expected.refused);
			expect(String(error).length).toBeLessThan(400);
			row(
				options.area,
				`${options.field} = ${shown(value)}`,
				`refused: ${String(error).replace(/^\[item \d+\] /, '')}`,
				0,
			);
		} else {
			expect(error).toBeUndefined();
			expect(options.read(requests[next++])).toEqual(expected.sent);
			row(
				options.area,
				`${options.field} = ${shown(value)}`,
				`sent as ${JSON.stringify(expected.sent)}`,
				1,
			);
		}
	});
	expect(requests).toHaveLength(next);
}

// Quiet hours are off here: these cases are about reading fields, whatever the time of day.
const sendMessage = (additionalFields: IDataObject): IDataObject => ({
	resource: 'message',
	operation: 'send',
	patientId: byId('20001'),
	channel: 'sms',
	message: '=Reminder {{ $json.n }}',
	sendWindow: 'off',
	additionalFields,
});

const registerPatient = (additionalFields: IDataObject): IDataObject => ({
	resource: 'patient',
	operation: 'register',
	firstName: 'Robin',
	lastName: 'Example',
	dateOfBirth: '31/01/1990',
	mobile: '07700 900456',
	additionalFields,
});

const createBookingLink = (additionalFields: IDataObject): IDataObject => ({
	resource: 'bookingLink',
	operation: 'create',
	appointmentTypeId: byId('501'),
	locationId: byId('301'),
	additionalFields,
});

describe('booleans', () => {
	it('Auto Write to Record reads true/false words strictly, and refuses the rest', async () => {
		await fieldMatrix({
			area: 'Boolean',
			field: 'Auto Write to Record',
			operationId: 'sendMessage',
			parameters: sendMessage({ autoWriteToRecord: '={{ $json.v }}' }),
			read: (request) => request.body.auto_write_to_record,
			cases: [
				['false', sent(false)],
				['FALSE', sent(false)],
				['0', sent(false)],
				['no', sent(false)],
				[' Off ', sent(false)],
				[0, sent(false)],
				['true', sent(true)],
				['YES', sent(true)],
				['1', sent(true)],
				['on', sent(true)],
				['maybe', refused('must be true or false')],
				['2', refused('must be true or false')],
				['falsy', refused('must be true or false')],
				['yes please', refused('must be true or false')],
				[2, refused('must be true or false')],
				[{ value: false }, refused('must be true or false')],
				[['false'], refused('must be true or false')],
			],
		});
	});

	it('a flag list (Order Descending) sends the word it read, never "true" for "false"', async () => {
		await fieldMatrix({
			area: 'Boolean',
			field: 'Order Descending',
			operationId: 'listEpisodes',
			parameters: {
				resource: 'episode',
				operation: 'list',
				limit: 1,
				filters: { orderDescending: '={{ $json.v }}' },
			},
			read: (request) => request.query['order_descending[]'],
			cases: [
				['false', sent(['false'])],
				['No', sent(['false'])],
				['TRUE', sent(['true'])],
				['perhaps', refused('must be true or false')],
			],
		});
	});

	it.each([
		['false', 'one page of Limit records', 2],
		['0', 'one page of Limit records', 2],
		['true', 'every record', 120],
		['maybe', 'refused', 0],
	])('Return All = %j: %s', async (value, outcome, count) => {
		const run = await runHero(
			{
				resource: 'episode',
				operation: 'list',
				returnAll: `={{ ${JSON.stringify(value)} }}`,
				limit: 2,
			},
			{ fake },
		);
		if (count) expect(run.json).toHaveLength(count);
		refusedOrRan(
			run,
			count ? undefined : 'Return All: must be true or false (yes/no, on/off and 1/0 are read too)',
			['Boolean', `Return All = ${JSON.stringify(value)}`, `${outcome} (${count})`],
		);
	});

	it.each([
		['false', 'the whole record'],
		['off', 'the whole record'],
		['true', 'the simplified record'],
		['sometimes', 'refused'],
	])('Simplify = %j: %s', async (value, outcome) => {
		const run = await runHero(
			{
				resource: 'booking',
				operation: 'getAppointment',
				appointmentId: '1',
				simplify: `={{ ${JSON.stringify(value)} }}`,
			},
			{ fake },
		);
		if (outcome !== 'refused') expect('reason' in run.json[0]).toBe(outcome === 'the whole record');
		refusedOrRan(
			run,
			outcome === 'refused' ? 'Simplify: must be true or false' : undefined,
			['Boolean', `Simplify = ${JSON.stringify(value)}`, outcome],
			{ contains: true },
		);
	});
});

describe('numbers', () => {
	it('Maximum Use Count: whole numbers in range, from numbers or numeric text', async () => {
		await fieldMatrix({
			area: 'Number',
			field: 'Maximum Use Count',
			operationId: 'createBookingLink',
			parameters: createBookingLink({ maximumUseCount: '={{ $json.v }}' }),
			read: (request) => request.body.maximum_use_count,
			cases: [
				[12, sent(12)],
				[' 15 ', sent(15)],
				['3', sent(3)],
				['ten', refused('must be a whole number of at least 1')],
				['5 uses', refused('must be a whole number of at least 1')],
				['1.5', refused('must be a whole number of at least 1')],
				[0, refused('must be a whole number of at least 1')],
				['-2', refused('must be a whole number of at least 1')],
				['Infinity', refused('must be a whole number of at least 1')],
				['1e400', refused('must be a whole number of at least 1')],
				[true, refused('must be a whole number of at least 1')],
				[{ count: 3 }, refused('must be a whole number of at least 1')],
			],
		});
	});

	const options: Array<[string, IDataObject, string | undefined]> = [
		[
			'Concurrency = "ten"',
			{ concurrency: 'ten' },
			'Concurrency: must be a whole number from 1 to 50',
		],
		['Concurrency = 0', { concurrency: 0 }, 'Concurrency: must be a whole number from 1 to 50'],
		['Concurrency = "3"', { concurrency: '3' }, undefined],
		[
			'Max Attempts = "5 attempts"',
			{ maxAttempts: '5 attempts' },
			'Max Attempts: must be a whole number from 1 to 10',
		],
		['Max Attempts = 0', { maxAttempts: 0 }, 'Max Attempts: must be a whole number from 1 to 10'],
		[
			'Max Attempts = 2.5',
			{ maxAttempts: 2.5 },
			'Max Attempts: must be a whole number from 1 to 10',
		],
		[
			'Timeout (Seconds) = "30s"',
			{ timeout: '30s' },
			'Timeout (Seconds): must be a number from 1 to 600',
		],
		[
			'Timeout (Seconds) = -1',
			{ timeout: -1 },
			'Timeout (Seconds): must be a number from 1 to 600',
		],
		['Timeout (Seconds) = "2.5"', { timeout: '2.5' }, undefined],
		[
			'Practice Group ID = "4243; drop"',
			{ practiceGroupId: '4243; drop' },
			'Practice Group ID: must be a numeric Hero ID such as 12345',
		],
	];
	it.each(options)('Request Options %s', async (label, requestOptions, error) => {
		const expression = Object.fromEntries(
			Object.entries(requestOptions).map(([k, v]) => [k, `={{ ${JSON.stringify(v)} }}`]),
		);
		const run = await runHero(
			{
				resource: 'practiceGroup',
				operation: 'getPractitioner',
				practitionerId: byId('401'),
				requestOptions: expression,
			},
			{ fake },
		);
		refusedOrRan(run, error, ['Number', `Request Options: ${label}`, 'used']);
	});
});

describe('dates', () => {
	it('From Date: a number is a date only as YYYYMMDD or epoch milliseconds, never a silent 1970', async () => {
		await fieldMatrix({
			area: 'Date',
			field: 'From Date',
			operationId: 'createBookingLink',
			parameters: createBookingLink({ fromDate: '={{ $json.v }}' }),
			read: (request) => request.body.from_date,
			cases: [
				[19900131, sent('1990-01-31')],
				['19900131', sent('1990-01-31')],
				[1767225600000, sent('2026-01-01')],
				['31/01/2026', sent('2026-01-31')],
				[1767225600, refused('10-digit number, which is not read as a date')],
				['1767225600', refused('10-digit number, which is not read as a date')],
				[45000, refused('5-digit number, which is not read as a date')],
				[20261331, refused('must be a date such as')],
				[0, refused('1-digit number, which is not read as a date')],
				[-86400000, refused('must be a date such as')],
				[1767225600000.5, refused('must be a date such as')],
				[['2026-01-01'], refused('not a list')],
				[{ date: '2026-01-01' }, refused('must be a date such as')],
				[new Date('2026-02-03T10:00:00Z').toISOString(), sent('2026-02-03')],
				[true, refused('must be a date such as')],
			],
		});
	});

	it('Send At in epoch seconds is refused rather than scheduled in 1970', async () => {
		await fieldMatrix({
			area: 'Date',
			field: 'Send At',
			operationId: 'sendMessage',
			parameters: sendMessage({ sendAt: '={{ $json.v }}' }),
			read: (request) => request.body.send_at,
			cases: [
				[1798761600, refused('10-digit number, which is not read as a date')],
				[1798761600000, sent('2027-01-01T00:00:00Z')],
				['2027-01-01 09:30', sent('2027-01-01T09:30:00Z')],
			],
		});
	});
});

describe('text', () => {
	it('objects and lists are refused in text fields, never sent as [object Object] or a,b', async () => {
		await fieldMatrix({
			area: 'Text',
			field: 'Message',
			operationId: 'sendMessage',
			parameters: { ...sendMessage({}), message: '={{ $json.v }}' },
			read: (request) => request.body.message_string,
			cases: [
				['Your flu jab is due', sent('Your flu jab is due')],
				[42, sent('42')],
				[{ text: 'Hello' }, refused('must be text, not an object')],
				[['Hello', 'there'], refused('must be text, not a list')],
				[[], refused('must be text, not a list')],
				['x'.repeat(100_000), refused('must be at most 5000 characters, got 100000')],
			],
		});
	});

	it.each([
		[
			'Recipient',
			{ recipient: '={{ $json.v }}' },
			{ mobile: '07700 900001' },
			'must be text, not an object',
		],
		[
			'SNOMED Term',
			{ snomedTerm: '={{ $json.v }}' },
			['Flu', 'vaccine'],
			'must be text, not a list',
		],
		[
			'SNOMED Code',
			{ snomedCode: '={{ $json.v }}' },
			{ code: '279991000000102' },
			'must be text, not an object',
		],
	])(
		'%s given an object or list is refused by name',
		async (field, additionalFields, value, why) => {
			await fieldMatrix({
				area: 'Text',
				field,
				operationId: 'sendMessage',
				parameters: sendMessage(additionalFields),
				read: () => undefined,
				cases: [[value, refused(why)]],
			});
		},
	);

	it("Hero's answer echoing a 100 KB value is cut, not repeated whole", async () => {
		const echoed = 'y'.repeat(100_000);
		fake.inject({
			operationId: 'sendMessage',
			status: 400,
			body: {
				error: true,
				statusCode: 400,
				message: [{ code: 'too_big', message: echoed, path: ['message_string'] }],
			},
		});
		const run = await runHero(sendMessage({}), { fake, items: [{ n: 0 }] });
		const text = JSON.stringify({
			message: run.error?.message,
			description: run.error?.description,
		});
		expect(run.error?.message).toMatch(
			/^\[item 0\] Hero rejected the request: message_string: y+… \(\d+ more characters\)$/,
		);
		expect(text.length).toBeLessThan(2000);
		row(
			'Text',
			"Hero's 400 answer echoing a 100,000-character value",
			"the error shows Hero's first 300 characters and how many more",
			1,
		);
	});

	it('an NHS number given as a list is refused, not joined', async () => {
		await fieldMatrix({
			area: 'Text',
			field: 'NHS Number',
			operationId: 'registerPatientPds',
			parameters: {
				resource: 'patient',
				operation: 'registerPds',
				identifyBy: 'nhsNumber',
				nhsNumber: '={{ $json.v }}',
				dateOfBirth: '1970-01-31',
			},
			read: (request) => request.body.nhs_number,
			cases: [
				[['999', '000', '0018'], refused('must be text, not a list')],
				[9998000009, sent('9998000009')],
			],
		});
	});
});

describe('IDs', () => {
	it('only safe integers pass: nothing is rounded to another ID', async () => {
		await fieldMatrix({
			area: 'ID',
			field: 'Practitioner',
			operationId: 'getPractitioner',
			parameters: {
				resource: 'practiceGroup',
				operation: 'getPractitioner',
				practitionerId: byId('={{ $json.v }}'),
			},
			read: () => 'sent',
			cases: [
				[' 401 ', sent('sent')],
				[401, sent('sent')],
				[2 ** 53 + 2, refused('larger than any ID n8n can carry exactly')],
				['9007199254740993', refused('larger than any ID n8n can carry exactly')],
				['12345678901234567', refused('must be a numeric Hero ID')],
				[12.5, refused('must be a numeric Hero ID')],
				[-5, refused('must be a numeric Hero ID')],
				['1e5', refused('must be a numeric Hero ID')],
				[true, refused('must be a numeric Hero ID')],
				[{ id: 401 }, refused('must be text, not an object')],
			],
		});
		// 401 exists; the refused ones never reached Hero.
		expect(fake.requestsFor('getPractitioner').map((r) => r.path)).toEqual([
			'/v1/practitioners/401',
			'/v1/practitioners/401',
		]);
	});
});

const credentialTest = (baseUrl: string) =>
	testCredential(fake, { environment: 'custom', baseUrl });

describe('Base URL', () => {
	const PASSWORD = 'hunter2-secret';
	const cases: Array<[string, () => string, string | undefined]> = [
		[
			'user:password@ before the host',
			() => other.url.replace('http://', `http://proxyuser:${PASSWORD}@`),
			'must not contain a user name or password',
		],
		[
			'user@ alone',
			() => fake.url.replace('http://', 'http://admin@'),
			'must not contain a user name or password',
		],
		[
			'a query string',
			() => `${fake.url}/?redirect=${other.url}`,
			'must not contain a query (?) or fragment (#)',
		],
		['a fragment', () => `${fake.url}/#v1`, 'must not contain a query (?) or fragment (#)'],
		['ftp://', () => fake.url.replace('http://', 'ftp://'), 'must start with https://'],
		['javascript:', () => 'javascript:alert(1)', 'must start with https://'],
		['no scheme', () => fake.url.replace('http://', ''), 'must start with https://'],
		['a space inside', () => `${fake.url}/ v1`, 'contains spaces'],
		['empty', () => '   ', 'is empty'],
		['spaces and a trailing slash around a good URL', () => `  ${fake.url}/  `, undefined],
	];

	it.each(cases)('node: %s', async (_label, make, why) => {
		const run = await runHero(
			{ resource: 'practiceGroup', operation: 'getPractitioner', practitionerId: byId('401') },
			{ fake, credentials: { environment: 'custom', baseUrl: make() } },
		);
		expect(JSON.stringify(run.error ?? {})).not.toContain(PASSWORD);
		if (!why) expect(fake.requests[0].path).toBe('/v1/practitioners/401');
		refusedOrRan(run, why, ['Base URL', `node, Base URL with ${_label}`, 'used, trimmed'], {
			contains: true,
			refusedAs: run.error?.message,
		});
	});

	it.each(cases)('credential test: %s', async (_label, make, why) => {
		const run = await credentialTest(make());
		expect(JSON.stringify(run.error ?? {})).not.toContain(PASSWORD);
		if (!why) expect(fake.requests[0].path).toBe('/v1/me');
		refusedOrRan(
			run,
			why,
			['Base URL', `credential test, Base URL with ${_label}`, 'passed, trimmed'],
			{ contains: true, refusedAs: run.error?.message },
		);
	});
});

describe('redirects', () => {
	const statuses = [301, 302, 303, 307, 308];
	const operations = {
		GET: {
			operationId: 'getPractitioner',
			parameters: {
				resource: 'practiceGroup',
				operation: 'getPractitioner',
				practitionerId: byId('401'),
			},
		},
		POST: { operationId: 'sendMessage', parameters: sendMessage({}) },
	};
	const matrix = statuses.flatMap((status) =>
		(['GET', 'POST'] as const).map((method) => [status, method] as const),
	);

	it.each(matrix)(
		'a %i to another host, for a %s, is an error naming the host; nothing goes there',
		async (status, method) => {
			const { operationId, parameters } = operations[method];
			fake.inject({
				operationId,
				status,
				headers: { location: `${other.url}/v1/collect` },
				times: 5,
			});
			const run = await runHero(parameters, { fake });
			expect(run.error?.message).toBe(
				`[item 0] Hero's address answered with a redirect (HTTP ${status}) to ${other.host}; it was not followed`,
			);
			expect(fake.received(operationId)).toBe(1);
			const outcome = String(run.error?.message)
				.replace(/^\[item 0\] /, '')
				.replace(other.host, '<other host>');
			row(
				'Redirect',
				`${status} to another host, ${method}`,
				`refused: ${outcome}`,
				fake.received(operationId),
				other.requests.length,
			);
		},
	);

	it('a redirect to a path on the same server is not followed either', async () => {
		fake.inject({
			operationId: 'getPractitioner',
			status: 302,
			headers: { location: '/v1/practitioners/402' },
		});
		const run = await runHero(operations.GET.parameters, { fake });
		expect(run.error?.message).toContain(`redirect (HTTP 302) to ${new URL(fake.url).host}`);
		expect(fake.requests).toHaveLength(1);
		row('Redirect', '302 to a path on the same server, GET', 'refused: not followed', 1, 0);
	});

	it('the credential test does not follow a redirect to another host', async () => {
		fake.inject({
			operationId: 'getPracticeGroupById',
			status: 307,
			headers: { location: `${other.url}/v1/me` },
		});
		const run = await credentialTest(fake.url);
		expect(run.error).toBeDefined();
		expect(fake.requests).toHaveLength(1);
		row(
			'Redirect',
			'307 to another host, credential test',
			'test fails; not followed',
			1,
			other.requests.length,
		);
	});
});

describe('network errors', () => {
	it('a TLS certificate error keeps its own code and words, and is not retried', async () => {
		const run = await runHero(
			{ resource: 'practiceGroup', operation: 'getPractitioner', practitionerId: byId('401') },
			{ fake, credentials: { environment: 'custom', baseUrl: tls.url } },
		);
		expect(run.error?.message).toMatch(
			/^\[item 0\] Could not reach Hero: the server's TLS certificate was not accepted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)$/,
		);
		expect(run.error?.description).toContain('self-signed certificate');
		expect(run.error?.description).toContain('NODE_EXTRA_CA_CERTS');
		expect(tls.connections()).toBe(1);
		row(
			'Network',
			'a self-signed TLS certificate (an inspecting proxy)',
			"refused: Hero could not be reached, the server's TLS certificate was not accepted (with its own code and words); not retried",
			`${tls.connections()} connection`,
		);
	});
});

describe('several failures in one run', () => {
	it('every failed item is named, and the processed list is exactly what Hero processed', async () => {
		const ids = ['401', '402', '999', '998', 'abc', '403', '404', '405', '406', '407'];
		const run = await runHero(
			{
				resource: 'practiceGroup',
				operation: 'getPractitioner',
				practitionerId: byId('={{ $json.id }}'),
			},
			{ fake, items: ids.map((id) => ({ id })) },
		);
		const reached = new Set(
			fake.requestsFor('getPractitioner').map((r) => r.path.split('/').pop()),
		);
		const failed = ids.flatMap((id, index) =>
			id === 'abc' || ((id === '999' || id === '998') && reached.has(id)) ? [index] : [],
		);
		const processed = ids.flatMap((id, index) =>
			reached.has(id) && !['999', '998'].includes(id) ? [index] : [],
		);
		expect(run.error?.message).toMatch(/^\[item \d+\] /);
		for (const index of failed) expect(run.error?.description).toContain(`- item ${index}: `);
		expect(run.error?.description).toContain(`Hero processed items ${processed.join(', ')};`);
		row(
			'Failures',
			'10 items, Continue On Fail off: 2 unknown IDs and 1 bad ID among them',
			`stopped; error names items ${failed.join(', ')}; "processed" lists exactly the ${processed.length} items Hero answered`,
			fake.requests.length,
		);
	});

	it('sends whose answer was lost are listed as possibly acted on, apart from those processed', async () => {
		fake.inject({ operationId: 'sendMessage', reset: 'after', after: 1, times: 2 });
		const run = await runHero(
			{ ...sendMessage({}), requestOptions: { concurrency: 1 } },
			{ fake, items: [{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }] },
		);
		expect(run.error?.message).toBe(
			'[item 1] Could not reach Hero: the connection failed (ECONNRESET)',
		);
		expect(run.error?.description).toContain('Hero processed item 0;');
		expect(run.error?.description).toContain('Hero may have acted on item 1 before the failure');
		expect(run.error?.description).toContain('2 item(s) were not started');
		expect(fake.processed('sendMessage')).toBe(2);
		row(
			'Failures',
			'4 sends, the answer to the second lost after Hero processed it',
			'stopped; item 0 processed, item 1 "may have acted: check in Hero", 2 not started; nothing repeated',
			fake.received('sendMessage'),
		);
	});

	it('with Continue On Fail, every item gets its own outcome', async () => {
		const ids = ['401', '999', 'x', '402'];
		const run = await runHero(
			{
				resource: 'practiceGroup',
				operation: 'getPractitioner',
				practitionerId: byId('={{ $json.id }}'),
			},
			{ fake, items: ids.map((id) => ({ id })), continueOnFail: true },
		);
		expect(run.json.map((json) => (json.error ? 'error' : json.id))).toEqual([
			'401',
			'error',
			'error',
			'402',
		]);
		row(
			'Failures',
			'4 items, Continue On Fail on: 1 unknown and 1 bad ID',
			'two results, two error items, in input order',
			fake.requests.length,
		);
	});
});

describe('webhook deliveries', () => {
	const EVENT = 'appointment.confirmed';
	let trigger: ReturnType<typeof triggerWorkflow>;
	const keyFor = (event: string) =>
		[...fake.store.webhooks.values()].find(
			(hook: { event_type: string }) => hook.event_type === event,
		).signing_key as string;
	const seconds = () => String(Math.floor(Date.now() / 1000));
	const digest = (key: string, ts: string, body: string) =>
		createHmac('sha256', key).update(`${ts}.${body}`).digest();
	const headers = (ts: string, signature: string) => ({
		'content-type': 'application/json',
		'x-herohealth-timestamp': ts,
		'x-herohealth-signature': signature,
	});

	/** A delivery's body, as Hero sends it for one record. */
	const eventBody = (event: unknown, object = 'Appointment') =>
		JSON.stringify({ object, id: '1', practice_group_id: fake.practiceGroupId, event });
	/** Delivers `body` signed now with `key` (the event's own by default), in hex. */
	const deliverSigned = async (
		to: typeof trigger,
		body: string,
		key = keyFor(EVENT),
	): ReturnType<typeof trigger.deliver> => {
		const ts = seconds();
		return await to.deliver(body, headers(ts, digest(key, ts, body).toString('hex')));
	};

	beforeEach(async () => {
		fake.store.webhooks.clear();
		trigger = triggerWorkflow(fake, { events: [EVENT, 'prescription.issued'], options: {} });
		await trigger.activate();
	});

	const encodings: Array<[string, (d: Buffer) => string]> = [
		['upper-case hex', (d) => d.toString('hex').toUpperCase()],
		['base64', (d) => d.toString('base64')],
		['base64url without padding', (d) => d.toString('base64url')],
		['a sha256= prefix', (d) => `sha256=${d.toString('hex')}`],
		['an upper-case SHA256= prefix', (d) => `SHA256=${d.toString('hex')}`],
		['surrounding spaces', (d) => `  ${d.toString('hex')} `],
		['a prefix and base64', (d) => `sha256=${d.toString('base64')}`],
		['a prefix and base64url', (d) => `sha256=${d.toString('base64url')}`],
	];

	it.each(encodings)(
		'the same delivery re-encoded as %s is refused as a replay',
		async (label, encode) => {
			const body = eventBody(EVENT);
			const ts = seconds();
			const signature = digest(keyFor(EVENT), ts, body);
			const first = await trigger.deliver(body, headers(ts, signature.toString('hex')));
			expect(first.items).toHaveLength(1);
			const again = await trigger.deliver(body, headers(ts, encode(signature)));
			expect(again.status).toBe(401);
			expect(again.workflowData).toBeUndefined();
			row(
				'Replay',
				`an accepted delivery sent again with its signature as ${label}`,
				'refused (401): already received',
				'1 execution in all',
			);
		},
	);

	const events: Array<[string, unknown]> = [
		['a list', [EVENT]],
		['a number', 1],
		['an object', { name: EVENT }],
		['null', null],
		['missing', undefined],
	];
	it.each(events)(
		'an event that is %s is refused even when signed with a real key',
		async (label, event) => {
			const delivery = await deliverSigned(trigger, eventBody(event));
			expect(delivery.status).toBe(401);
			expect(delivery.workflowData).toBeUndefined();
			row(
				'Trigger',
				`"event" is ${label}, signed with a real key`,
				"refused (401): no key is checked but the named event's",
				'0 executions',
			);
		},
	);

	it("an event signed with another event's key is refused", async () => {
		const delivery = await deliverSigned(trigger, eventBody('prescription.issued', 'Prescription'));
		expect(delivery.status).toBe(401);
		row(
			'Trigger',
			'an event signed with the key registered for another event',
			'refused (401)',
			'0 executions',
		);
	});

	const options: Array<[string, IDataObject, string | undefined]> = [
		[
			'Replay Window = "5 minutes"',
			{ replayWindow: '5 minutes' },
			'Replay Window (Seconds): must be a whole number from 1 to 3600',
		],
		[
			'Replay Window = 0',
			{ replayWindow: 0 },
			'Replay Window (Seconds): must be a whole number from 1 to 3600',
		],
		[
			'Replay Window = 86400',
			{ replayWindow: 86400 },
			'Replay Window (Seconds): must be a whole number from 1 to 3600',
		],
		[
			'Verify Signature = "maybe"',
			{ verifySignature: 'maybe' },
			'Verify Signature: must be true or false',
		],
		['Replay Window = "600"', { replayWindow: '600' }, undefined],
	];
	it.each(options)('trigger option %s', async (label, triggerOptions, error) => {
		const configured = triggerWorkflow(
			fake,
			{ events: [EVENT, 'prescription.issued'], options: triggerOptions },
			{ staticData: trigger.workflow.staticData },
		);
		const delivery = await deliverSigned(configured, eventBody(EVENT));
		if (error) {
			await expect(configured.hook('checkExists')).rejects.toThrow(error);
			expect(delivery.status).toBe(500);
			expect(delivery.workflowData).toBeUndefined();
		} else {
			expect(delivery.items).toHaveLength(1);
		}
		row(
			'Trigger',
			label,
			error
				? `activation fails: ${error}; deliveries refused (500), never accepted unchecked`
				: 'used',
			error ? '0 executions' : '1 execution',
		);
	});
});

describe('identifiers: NHS numbers and mobile ranges', () => {
	it('NHS Number: one digit repeated is refused whatever its check digit', async () => {
		await fieldMatrix({
			area: 'NHS number',
			field: 'NHS Number',
			operationId: 'registerPatient',
			parameters: registerPatient({ nhsNumber: '={{ $json.v }}' }),
			read: (request) => request.body.nhs_number,
			cases: [
				...'0123456789'.split('').map((digit): Case => [digit.repeat(10), refused(' NHS number')]),
				['999 000 0018', sent('9990000018')],
			],
		});
	});

	it('Recipient: 071-075, 077-079 and 07624 are mobiles; 070 and 076 are refused, naming the range', async () => {
		await fieldMatrix({
			area: 'Mobile range',
			field: 'Recipient',
			operationId: 'sendMessage',
			parameters: sendMessage({ recipient: '={{ $json.v }}' }),
			read: (request) => request.body.recipient_contact_detail,
			cases: [
				['07100 900123', sent('+447100900123')],
				['07400 900123', sent('+447400900123')],
				['07500 900123', sent('+447500900123')],
				['07800 900123', sent('+447800900123')],
				['07900 900123', sent('+447900900123')],
				['07624 900123', sent('+447624900123')],
				['07000 900123', refused('070 range (personal numbers)')],
				['+44 7012 900123', refused('070 range (personal numbers)')],
				['07600 900123', refused('076 range (pagers)')],
				['0044 7699 900123', refused('076 range (pagers)')],
			],
		});
	});
});

describe('what is added by hand meets the field rules', () => {
	const pick = (body: IDataObject, keys: string[]) =>
		Object.fromEntries(keys.filter((key) => key in body).map((key) => [key, body[key]]));

	it('Extra Body Fields: keys that name a field are checked by it; one the field sets is refused', async () => {
		await fieldMatrix({
			area: 'Extra Body Fields',
			field: 'Extra Body Fields',
			operationId: 'sendMessage',
			parameters: sendMessage({ extraBodyFields: '={{ JSON.stringify($json.v) }}' }),
			read: (request) =>
				pick(request.body, ['auto_write_to_record', 'recipient_contact_detail', 'send_at']),
			cases: [
				[
					{ recipient_contact_detail: '+1 555 123 4567' },
					refused('recipient_contact_detail (Recipient) must be a UK number'),
				],
				[
					{ recipient_contact_detail: '07000 900123' },
					refused('recipient_contact_detail (Recipient) is in the 070 range'),
				],
				[{ message_type: 'fax' }, refused('message_type (Channel) is already set by Channel')],
				[
					{ auto_write_to_record: 'maybe' },
					refused('auto_write_to_record (Auto Write to Record) must be true or false'),
				],
				[{ send_at: '31/02/2027 09:00' }, refused('send_at (Send At)')],
				[{ auto_write_to_record: 'false' }, sent({ auto_write_to_record: false })],
				[
					{ recipient_contact_detail: '07700 900123' },
					sent({ recipient_contact_detail: '+447700900123' }),
				],
			],
		});
	});

	it('Extra Body Fields on Register: an NHS number and a date of birth are checked the same way', async () => {
		await fieldMatrix({
			area: 'Extra Body Fields',
			field: 'Extra Body Fields',
			operationId: 'registerPatient',
			parameters: registerPatient({ extraBodyFields: '={{ JSON.stringify($json.v) }}' }),
			read: (request) => pick(request.body, ['nhs_number', 'dob']),
			cases: [
				[
					{ nhs_number: '999 000 0019' },
					refused('nhs_number (NHS Number) has a wrong check digit'),
				],
				[{ nhs_number: '1111111111' }, refused('nhs_number (NHS Number) is one digit repeated')],
				[{ dob: '31/02/1970' }, refused('dob (Date of Birth) is already set by Date of Birth')],
				[{ nhs_number: '999-000-0018' }, sent({ nhs_number: '9990000018', dob: '1990-01-31' })],
			],
		});
	});

	it("Custom API Call to Send a Message: its body meets Send a Message's rules", async () => {
		await fieldMatrix({
			area: 'Custom API Call',
			field: 'Body',
			operationId: 'sendMessage',
			parameters: {
				resource: 'customApiCall',
				operation: 'call',
				method: 'POST',
				path: '/v1/messages/send',
				options: {
					body: '={{ JSON.stringify({ patient_id: 20001, message_type: "sms", message_string: "Reminder", ...$json.v }) }}',
				},
			},
			read: (request) => pick(request.body, ['auto_write_to_record', 'recipient_contact_detail']),
			cases: [
				[
					{ recipient_contact_detail: '+1 555 123 4567' },
					refused('recipient_contact_detail (Recipient) must be a UK number'),
				],
				[{ message_type: 'fax' }, refused('message_type (Channel) must be one of')],
				[{ auto_write_to_record: 'false' }, sent({ auto_write_to_record: false })],
				[
					{ recipient_contact_detail: '07700 900123' },
					sent({ recipient_contact_detail: '+447700900123' }),
				],
			],
		});
	});
});

describe('updates with nothing to change', () => {
	const updates: Array<[string, IDataObject, string]> = [
		[
			'Admin > Update',
			{ resource: 'admin', operation: 'update', adminId: byId('801') },
			'updateAdmin',
		],
		[
			'Booking Link > Update',
			{ resource: 'bookingLink', operation: 'update', bookingLinkId: '7001' },
			'updateBookingLink',
		],
		[
			'Episode > Update',
			{ resource: 'episode', operation: 'update', episodeId: byId('5001') },
			'updateEpisode',
		],
		['Practice Group > Update', { resource: 'practiceGroup', operation: 'update' }, 'updateMe'],
		['Task > Update', { resource: 'task', operation: 'update', taskId: '3001' }, 'updateTask'],
	];
	it.each(updates)(
		'%s with no field set is refused before sending',
		async (label, parameters, operationId) => {
			const run = await runHero({ ...parameters, additionalFields: {} }, { fake });
			expect(run.error?.message).toMatch(
				/^\[item 0\] Additional Fields: nothing to update: add at least one of /,
			);
			expect(fake.received(operationId)).toBe(0);
			row(
				'Update',
				`${label} with no field set`,
				'refused: nothing to update, naming the fields it takes',
				0,
			);
		},
	);
});

describe('Retry-After as servers send it', () => {
	const get = {
		resource: 'practiceGroup',
		operation: 'getPractitioner',
		practitionerId: byId('401'),
		requestOptions: { maxAttempts: 2 },
	};
	it.each([
		['garbage 12', 'not read: backed off'],
		['-5', 'not read: backed off'],
		['5, 6', 'not read: backed off'],
		['1.5', 'not read: backed off'],
		['soon', 'not read: backed off'],
		['0', 'read: tried again at once'],
		['Wed, 21 Oct 2015 07:28:00 GMT', 'read: a date passed, tried again at once'],
	])('a 429 with Retry-After %j is %s, and the read succeeds', async (header, how) => {
		fake.inject({ operationId: 'getPractitioner', status: 429, retryAfter: header });
		const run = await runHero(get, { fake });
		expect(run.error).toBeUndefined();
		expect(fake.received('getPractitioner')).toBe(2);
		row('Retry-After', `429 with Retry-After ${JSON.stringify(header)}`, `${how}; then success`, 2);
	});

	it('a 503 with Retry-After on a read waits what it says, then succeeds; on a send it is not repeated', async () => {
		fake.inject({ operationId: 'getPractitioner', status: 503, retryAfter: '1' });
		const read = await runHero(get, { fake });
		expect(read.error).toBeUndefined();
		expect(fake.received('getPractitioner')).toBe(2);
		row('Retry-After', '503 with Retry-After "1" on a read', 'waited 1 s, then success', 2);
		fake.inject({ operationId: 'sendMessage', status: 503, retryAfter: '1' });
		const send = await runHero({ ...sendMessage({}), message: 'Reminder' }, { fake });
		expect(send.error?.httpCode).toBe('503');
		expect(fake.received('sendMessage')).toBe(1);
		row(
			'Retry-After',
			'503 with Retry-After "1" on Send a Message',
			'not repeated: a send is never sent twice',
			1,
		);
	});
});

describe('lists that would stop short', () => {
	const listAdmins = { resource: 'admin', operation: 'list', returnAll: true };
	const admins = (from: number, to: number) => fake.store.admins.slice(from, to);
	const pages = (...bodies: object[]) => {
		for (const body of bodies) fake.inject({ operationId: 'listAdmins', status: 200, body });
	};

	it('pages capped below the page size with a count are followed to it', async () => {
		pages(
			{ data: admins(0, 50), count: 120 },
			{ data: admins(50, 100), count: 120 },
			{ data: admins(100, 120), count: 120 },
		);
		const run = await runHero(listAdmins, { fake });
		expect(run.json).toHaveLength(120);
		row(
			'Return All',
			'pages of 50 when 100 were asked, count 120',
			'followed to the count: 120 records',
			3,
		);
	});

	it.each([
		[
			'pages that end before the count (count 230, 100 sent)',
			() => pages({ data: admins(0, 100), count: 230 }, { data: [], count: 230 }),
			"Hero's list ended early: it reported 230 records but sent 100",
		],
		[
			'a total given as "total" and pages that end before it',
			() => pages({ data: admins(0, 100), total: 300 }, { data: [], total: 300 }),
			"Hero's list ended early: it reported 300 records but sent 100",
		],
		[
			'alternating pages (A, B, A)',
			() => pages({ data: admins(0, 100) }, { data: admins(100, 200) }, { data: admins(0, 100) }),
			'Hero sent the same page twice: page 3 repeats page 1',
		],
		[
			'the same page every time (page_index ignored)',
			() => pages({ data: admins(0, 100) }, { data: admins(0, 100) }),
			'Hero sent the same page twice: page 2 repeats page 1',
		],
	])('%s fails the item with nothing output', async (label, serve, message) => {
		serve();
		const run = await runHero(listAdmins, { fake });
		expect(run.error?.message).toBe(`[item 0] ${message}`);
		row('Return All', label, `refused: ${message}; nothing output`, fake.received('listAdmins'));
	});
});

describe('the practice a request acts for', () => {
	it('lists for a locator read the practice in Request Options, and refuse what cannot be known', async () => {
		const { listSearch } = await import('../../nodes/HeroHealth/methods/listSearch');
		const { loadOptionsContext } = await import('../harness/engine');
		await listSearch.searchPractitioners.call(
			loadOptionsContext(fake, { requestOptions: { practiceGroupId: '4243' } }),
		);
		expect(fake.requests.map((r) => r.headers['x-practice-group-id'])).toEqual(['4243']);
		row(
			'Practice Group ID',
			'From List search with Practice Group ID 4243',
			'asked for practice 4243',
			1,
		);
		for (const [value, why] of [
			['hub', 'must be a numeric Hero ID'],
			['={{ $json.practice }}', 'Lists cannot follow an expression'],
		]) {
			await expect(
				listSearch.searchPractitioners.call(
					loadOptionsContext(fake, { requestOptions: { practiceGroupId: value } }),
				),
			).rejects.toThrow(why);
			row(
				'Practice Group ID',
				`From List search with Practice Group ID ${JSON.stringify(value)}`,
				`refused: ${why}`,
				0,
			);
		}
		expect(fake.requests).toHaveLength(1);
	});
});

describe('a server that repeats the API key', () => {
	const key = fake.apiKey;
	const echo = (status: number) => ({
		error: true,
		statusCode: status,
		message: [
			{ path: ['x-api-key'], expected: `the key ${key}` },
			{ path: ['url'], expected: `?key=${encodeURIComponent(key)}` },
			{ path: ['auth'], expected: `Basic ${Buffer.from(`user:${key}`).toString('base64')}` },
		],
	});
	it.each([400, 401, 403, 404, 409, 422, 429, 500, 502, 503])(
		'HTTP %i echoing the key: no form of it in the error or the Continue On Fail item',
		async (status) => {
			fake.inject({ operationId: 'getPractitioner', status, body: echo(status) });
			const run = await runHero(
				{
					resource: 'practiceGroup',
					operation: 'getPractitioner',
					practitionerId: byId('401'),
					requestOptions: { maxAttempts: 1 },
				},
				{ fake, continueOnFail: true },
			);
			const text = JSON.stringify(run.json);
			expect(run.json[0].error).toBeDefined();
			for (const form of [
				key,
				encodeURIComponent(key),
				Buffer.from(key).toString('base64').slice(0, -4),
			]) {
				expect(text.includes(form)).toBe(false);
			}
			row(
				'Secrets',
				`HTTP ${status} repeating the API key whole, URL-encoded and in base64`,
				'no form of the key in the error or the item ([hidden])',
				1,
			);
		},
	);
});

describe('webhook timestamps that are not times', () => {
	it.each([
		['20 digits', '9'.repeat(20)],
		['400 digits', '1'.repeat(400)],
		['a negative number', '-1795600000'],
		['seconds with an exponent', '1.7956e9'],
	])('a correctly signed timestamp of %s gets 401, never an exception', async (label, ts) => {
		fake.store.webhooks.clear();
		const trigger = triggerWorkflow(fake, { events: ['appointment.confirmed'], options: {} });
		await trigger.activate();
		const key = [...fake.store.webhooks.values()][0].signing_key as string;
		const body = JSON.stringify({
			object: 'Appointment',
			id: '1',
			practice_group_id: fake.practiceGroupId,
			event: 'appointment.confirmed',
		});
		const delivery = await trigger.deliver(body, {
			'content-type': 'application/json',
			'x-herohealth-timestamp': ts,
			'x-herohealth-signature': createHmac('sha256', key).update(`${ts}.${body}`).digest('hex'),
		});
		expect(delivery.status).toBe(401);
		expect(delivery.workflowData).toBeUndefined();
		row(
			'Trigger',
			`a correctly signed timestamp of ${label}`,
			'refused: 401, no execution',
			'0 executions',
		);
	});
});

it('every case above reported its row', () => {
	expect(rows.length).toBeGreaterThanOrEqual(80);
});

reportSection('docs/reliability.md', 'hostile', () =>
	[
		'## Hostile input',
		'',
		'From `test/reliability/hostile.test.ts`: values mapped from spreadsheets and CSVs, a proxy or',
		'misconfigured server answering, a captured webhook delivery sent again. *To Hero* counts requests',
		'that reached the fake Hero; *elsewhere*, requests at a second loopback host standing for any other',
		'server (and no byte of the API key ever arrives there).',
		'',
		'| Area | Case | Outcome | To Hero | Elsewhere |',
		'| --- | --- | --- | --- | --- |',
		...rows,
		'',
		`${rows.length} cases.`,
	].join('\n'),
);
