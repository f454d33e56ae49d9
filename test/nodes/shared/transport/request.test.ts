import { byId, credentialDecryptions, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const getPractitioner = (id = '401') => ({
	resource: 'practiceGroup',
	operation: 'getPractitioner',
	practitionerId: byId(id),
});
const createToken = { resource: 'practiceGroup', operation: 'createAccessToken' };

function expectNoKey(value: unknown) {
	expect(JSON.stringify(value)).not.toContain(fake.apiKey);
}

describe('request layer: retries', () => {
	it('waits out a 429 with Retry-After in seconds, then succeeds', async () => {
		fake.inject({ operationId: 'getPractitioner', status: 429, retryAfter: 1 });
		const started = Date.now();
		const run = await runHero(getPractitioner(), { fake });
		expect(run.error).toBeUndefined();
		expect(run.json[0].id).toBe('401');
		expect(fake.received('getPractitioner')).toBe(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	it('waits out a 429 with Retry-After as an HTTP date', async () => {
		fake.inject({
			operationId: 'getPractitioner',
			status: 429,
			retryAfter: new Date(Date.now() + 1000).toUTCString(),
		});
		const run = await runHero(getPractitioner(), { fake });
		expect(run.error).toBeUndefined();
		expect(fake.received('getPractitioner')).toBe(2);
	});

	it('backs off on a 429 without Retry-After, and retries a POST (Hero did not process it)', async () => {
		fake.inject({ operationId: 'createAccessToken', status: 429 });
		const run = await runHero(createToken, { fake });
		expect(run.error).toBeUndefined();
		expect(run.json[0].access_token).toEqual(expect.any(String));
		expect(fake.received('createAccessToken')).toBe(2);
		expect(fake.processed('createAccessToken')).toBe(1);
	});

	it('gives a clear error once 429s exhaust the attempts', async () => {
		fake.inject({ operationId: 'getPractitioner', status: 429, retryAfter: 0, times: 10 });
		const run = await runHero(
			{ ...getPractitioner(), requestOptions: { maxAttempts: 3 } },
			{ fake },
		);
		expect(fake.received('getPractitioner')).toBe(3);
		expect(run.error?.message).toContain("Hero's rate limit was still exceeded after 3 attempts");
		expect(run.error?.description).toContain('Concurrency');
		expectNoKey(run.error);
	});

	it('retries a GET after 502/503/504 and succeeds', async () => {
		fake.inject({ operationId: 'getPractitioner', status: 502 });
		fake.inject({ operationId: 'getPractitioner', status: 503 });
		fake.inject({ operationId: 'getPractitioner', status: 504 });
		const run = await runHero(getPractitioner(), { fake });
		expect(run.error).toBeUndefined();
		expect(fake.received('getPractitioner')).toBe(4);
	});

	it('never re-sends a POST that got a 503', async () => {
		fake.inject({ operationId: 'createAccessToken', status: 503 });
		const run = await runHero(createToken, { fake });
		expect(fake.received('createAccessToken')).toBe(1);
		expect(run.error?.message).toContain('HTTP 503');
		expect(run.error?.description).toContain('not repeated');
	});

	it('never re-sends a PATCH whose connection dropped after Hero processed it', async () => {
		fake.inject({ operationId: 'updatePracticeGroup', reset: 'after' });
		const run = await runHero(
			{
				resource: 'practiceGroup',
				operation: 'update',
				additionalFields: { name: 'Renamed Surgery' },
			},
			{ fake },
		);
		expect(fake.received('updatePracticeGroup')).toBe(1);
		expect(fake.processed('updatePracticeGroup')).toBe(1);
		expect(run.error?.message).toContain('Could not reach Hero');
		expect(run.error?.description).toContain('not repeated');
	});

	it('retries a GET whose connection was reset', async () => {
		fake.inject({ operationId: 'getPractitioner', reset: 'before' });
		const run = await runHero(getPractitioner(), { fake });
		expect(run.error).toBeUndefined();
		expect(fake.received('getPractitioner')).toBe(2);
	});

	it('times out a request Hero never answers, with a clear error', async () => {
		fake.inject({ operationId: 'getPractitioner', hang: true, times: 2 });
		const run = await runHero(
			{ ...getPractitioner(), requestOptions: { timeout: 1, maxAttempts: 2 } },
			{ fake },
		);
		expect(fake.received('getPractitioner')).toBe(2);
		expect(run.error?.message).toContain('Hero did not answer in time');
	});
});

describe('request layer: errors', () => {
	it('renders a 400 validation list field by field', async () => {
		fake.inject({
			operationId: 'createAccessToken',
			status: 400,
			body: {
				error: true,
				statusCode: 400,
				message: [
					{ code: 'invalid_type', expected: 'date-time', path: ['start_time'] },
					{ code: 'invalid_type', expected: 'string', path: ['patient', 'id'] },
				],
			},
		});
		const run = await runHero(createToken, { fake });
		expect(run.error?.httpCode).toBe('400');
		expect(run.error?.message).toBe(
			'[item 0] Hero rejected the request: start_time: expected date-time',
		);
		expect(run.error?.description).toContain(
			'start_time: expected date-time\npatient.id: expected string',
		);
	});

	it('explains a 401 without repeating the key', async () => {
		fake.inject({ operationId: 'getPractitioner', status: 401 });
		const run = await runHero(getPractitioner(), { fake });
		expect(run.error?.httpCode).toBe('401');
		expect(run.error?.message).toContain('Hero refused the API key');
		expect(run.error?.description).toContain('Practice Group ID');
		expectNoKey(run.error);
	});

	it('names the resource and ID on a 404', async () => {
		const run = await runHero(getPractitioner('999'), { fake });
		expect(run.error?.httpCode).toBe('404');
		expect(run.error?.message).toBe('[item 0] No practitioner with ID 999 was found');
	});

	it('says so when Hero keeps answering with an HTML page instead of JSON', async () => {
		fake.inject({
			operationId: 'getPractitioner',
			raw: '<html><body>Gateway</body></html>',
			contentType: 'text/html',
			times: 5,
		});
		const run = await runHero(
			{ ...getPractitioner(), requestOptions: { maxAttempts: 2 } },
			{ fake },
		);
		expect(run.error?.message).toContain('not JSON');
		expect(fake.received('getPractitioner')).toBe(2);
	});

	it('a write answered with text succeeds, carrying what Hero said', async () => {
		fake.inject({
			operationId: 'createAccessToken',
			raw: 'Token created',
			contentType: 'text/plain',
		});
		const run = await runHero(createToken, { fake });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([{ success: true, message: 'Token created' }]);
		expect(fake.processed('createAccessToken')).toBe(1);
	});

	it('a write answered with nothing succeeds', async () => {
		fake.inject({ operationId: 'updatePracticeGroup', raw: '', contentType: 'application/json' });
		const run = await runHero(
			{
				resource: 'practiceGroup',
				operation: 'update',
				additionalFields: { name: 'Renamed Surgery' },
			},
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([{ success: true }]);
	});

	it('uses a cross-organisational Practice Group ID and explains a refusal', async () => {
		const ok = await runHero(
			{ ...getPractitioner(), requestOptions: { practiceGroupId: '4243' } },
			{ fake },
		);
		expect(ok.error).toBeUndefined();
		expect(fake.requestsFor('getPractitioner')[0].headers['x-practice-group-id']).toBe('4243');
		const refused = await runHero(
			{ ...getPractitioner(), requestOptions: { practiceGroupId: '5555' } },
			{ fake },
		);
		expect(refused.error?.httpCode).toBe('403');
		expect(refused.error?.description).toContain('same Hero network');
	});

	it('each item acts for its own Practice Group ID on every request it makes, every page of a list included', async () => {
		const run = await runHero(
			{
				resource: 'admin',
				operation: 'list',
				returnAll: true,
				requestOptions: { practiceGroupId: '={{ $json.practice }}' },
			},
			{ fake, items: [{ practice: '4243' }, { practice: fake.practiceGroupId }] },
		);
		expect(run.error).toBeUndefined();
		const asked = fake.requestsFor('listAdmins').map((r) => r.headers['x-practice-group-id']);
		expect(asked.length).toBeGreaterThanOrEqual(6);
		expect(asked.filter((practice) => practice === '4243')).toHaveLength(asked.length / 2);
		expect(asked.filter((practice) => practice === fake.practiceGroupId)).toHaveLength(
			asked.length / 2,
		);
	});

	it('rejects a non-numeric ID before sending anything, naming the field and item', async () => {
		const typed = await runHero(getPractitioner('../admins'), { fake });
		expect(typed.error?.message).toContain('Hero IDs are numbers');
		const mapped = await runHero(getPractitioner('={{ "../admins" }}'), { fake });
		expect(mapped.error?.message).toBe(
			'[item 0] Practitioner: must be a numeric Hero ID such as 12345',
		);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('request layer: items', () => {
	// The fake Hero answers only once `size` requests wait, so a node that allows that many in
	// flight reaches it on any machine, and one that allows more is caught.
	it('keeps at most Concurrency requests in flight, output in input order with pairedItem', async () => {
		fake.holdUntil(3);
		const ids = ['401', '402', '403', '404'];
		const items = Array.from({ length: 21 }, (_, i) => ({ practitioner: ids[i % 4] }));
		const run = await runHero(
			{ ...getPractitioner('={{ $json.practitioner }}'), requestOptions: { concurrency: 3 } },
			{ fake, items },
		);
		expect(run.error).toBeUndefined();
		expect(fake.gate?.timedOut).toBe(0);
		expect(fake.stats.maxInFlight).toBe(3);
		expect(run.items.map((item) => item.json.id)).toEqual(items.map((item) => item.practitioner));
		expect(run.items.map((item) => item.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
	});

	it('uses five at a time by default', async () => {
		fake.holdUntil(5);
		const run = await runHero(getPractitioner(), {
			fake,
			items: Array.from({ length: 15 }, () => ({})),
		});
		expect(run.json).toHaveLength(15);
		expect(fake.gate?.timedOut).toBe(0);
		expect(fake.stats.maxInFlight).toBe(5);
	});

	it('with Continue On Fail, a failing item becomes an error item and the rest go through', async () => {
		const items = [{ id: '401' }, { id: '999' }, { id: 'abc' }, { id: '402' }];
		const run = await runHero(getPractitioner('={{ $json.id }}'), {
			fake,
			items,
			continueOnFail: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.json.map((j) => j.id ?? j.error)).toEqual([
			'401',
			'[item 1] No practitioner with ID 999 was found',
			'[item 2] Practitioner: must be a numeric Hero ID such as 12345',
			'402',
		]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(fake.received('getPractitioner')).toBe(3);
	});

	it('without Continue On Fail, stops starting items and says which ones already went through', async () => {
		const items = [{ id: '401' }, { id: '402' }, { id: '999' }, { id: '403' }, { id: '404' }];
		const run = await runHero(
			{ ...getPractitioner('={{ $json.id }}'), requestOptions: { concurrency: 1 } },
			{ fake, items },
		);
		expect(run.error?.message).toBe('[item 2] No practitioner with ID 999 was found');
		expect(run.error?.description).toContain(
			'Hero processed items 0, 1; running the node again repeats them',
		);
		expect(run.error?.description).toContain('2 item(s) were not started');
		expect(fake.received('getPractitioner')).toBe(3);
	});
});

describe('request layer: the credential', () => {
	it('is loaded and decrypted once per run, not once per request (n8n 2.x reads its database each time)', async () => {
		const before = credentialDecryptions();
		const received = fake.received('getPractitioner');
		const run = await runHero(
			{ ...getPractitioner('={{ $json.id }}'), requestOptions: { concurrency: 3 } },
			{ fake, items: Array.from({ length: 12 }, () => ({ id: '401' })) },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(12);
		// Every request still went out with the key: the fake Hero refuses one without it.
		expect(fake.received('getPractitioner') - received).toBe(12);
		expect(credentialDecryptions() - before).toBe(1);
	});
});
