import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const call = { resource: 'customApiCall', operation: 'call' };

describe('Custom API Call', () => {
	it('GET with query parameters, through the same auth', async () => {
		const run = await runHero(
			{
				...call,
				method: 'GET',
				path: '/v1/admins',
				options: { queryParameters: '{"page_size": 2, "page_index": 1}' },
			},
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect((run.json[0].data as unknown[]).length).toBe(2);
		const [request] = fake.requestsFor('listAdmins');
		expect(request.query).toEqual({ page_size: ['2'], page_index: ['1'] });
		expect(request.headers['x-api-key']).toBe(fake.apiKey);
	});

	it('POST with a JSON body, and Hero errors explained as elsewhere', async () => {
		const run = await runHero(
			{
				...call,
				method: 'POST',
				path: '/v1/snomed/validate',
				options: { body: '{"code": "279991000000102"}' },
			},
			{ fake },
		);
		expect(run.json[0]).toEqual(expect.objectContaining({ valid: true }));
		const missing = await runHero(
			{ ...call, method: 'GET', path: '/v1/appointments/424242' },
			{ fake },
		);
		expect(missing.error?.httpCode).toBe('404');
		fake.inject({ operationId: 'sendMessage', status: 503 });
		const send = await runHero(
			{
				...call,
				method: 'POST',
				path: '/v1/messages/send',
				options: { body: '{"patient_id": "20001", "message_type": "sms", "message_string": "Hi"}' },
			},
			{ fake },
		);
		expect(send.error?.description).toContain('not repeated');
		expect(fake.received('sendMessage')).toBe(1);
	});

	it('refuses a path that is not a Hero API path', async () => {
		for (const path of [
			'/v1/../admin',
			'v1/me',
			'/v1/me?x=1',
			'https://elsewhere.example/v1/me',
			'/v1/me#x',
		]) {
			const run = await runHero({ ...call, method: 'GET', path }, { fake });
			expect(run.error?.message).toContain('Path: must be a Hero API path');
		}
		expect(fake.requests).toHaveLength(0);
	});
});
