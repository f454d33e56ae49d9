import { FILE_NODE, HERO_NODE, heroCredentials, runChain, runHero } from '../../../harness/engine';
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

	describe('files as n8n binary data', () => {
		const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

		it('sends an Input Binary Field as the body with its MIME type (an endpoint Hero adds later)', async () => {
			fake.route('POST', '/v2/documents', () => ({ body: { id: 'doc_1' } }));
			const run = await runChain(
				[
					{
						name: 'File',
						type: FILE_NODE,
						parameters: {
							content: PDF.toString('base64'),
							fileName: 'letter.pdf',
							mimeType: 'application/pdf',
						},
					},
					{
						name: 'Hero Health',
						type: HERO_NODE,
						parameters: {
							...call,
							method: 'POST',
							path: '/v2/documents',
							options: { inputBinaryField: 'data' },
						},
					},
				],
				{ credentials: heroCredentials(fake) },
			);
			expect(run.error).toBeUndefined();
			expect(run.jsonOf('Hero Health')).toEqual([{ id: 'doc_1' }]);
			const [sent] = fake.requests;
			expect(sent.headers['content-type']).toBe('application/pdf');
			expect(sent.headers['x-api-key']).toBe(fake.apiKey);
			expect(sent.rawBody).toEqual(PDF);
		});

		it('a file Hero answers with is output as binary data, named from Content-Disposition', async () => {
			fake.route('GET', '/v2/documents/doc_1', () => ({
				contentType: 'application/pdf',
				headers: { 'content-disposition': 'attachment; filename="letter.pdf"' },
				body: PDF,
			}));
			const run = await runHero(
				{
					...call,
					method: 'GET',
					path: '/v2/documents/doc_1',
					options: { outputBinaryField: 'letter' },
				},
				{ fake },
			);
			expect(run.error).toBeUndefined();
			const [item] = run.items;
			expect(item.json).toEqual({
				file_name: 'letter.pdf',
				mime_type: 'application/pdf',
				file_size: PDF.length,
			});
			expect(item.binary?.letter).toEqual(
				expect.objectContaining({ mimeType: 'application/pdf', fileName: 'letter.pdf' }),
			);
			expect(Buffer.from(item.binary!.letter.data, 'base64')).toEqual(PDF);
		});

		it('JSON and text answers are read as before', async () => {
			const run = await runHero({ ...call, method: 'GET', path: '/v1/admins' }, { fake });
			expect(run.items[0].binary).toBeUndefined();
			expect(Array.isArray(run.json[0].data)).toBe(true);
		});

		it.each([
			[
				'Body and Input Binary Field together',
				{ method: 'POST', body: '{"a": 1}' },
				'[item 0] Input Binary Field: and Body cannot both be sent: use one',
			],
			[
				'a GET with a file',
				{ method: 'GET' },
				'[item 0] Input Binary Field: cannot be sent with GET: use POST, PUT or PATCH',
			],
			[
				'no binary data on the item',
				{ method: 'POST' },
				'[item 0] Input Binary Field: the input item has no binary field "data"; it has no binary data (read a file first, e.g. with Read/Write Files from Disk or an email trigger)',
			],
		])('%s is refused before sending', async (_, request, message) => {
			const { body, ...rest } = request as { method: string; body?: string };
			const run = await runHero(
				{
					...call,
					path: '/v2/documents',
					...rest,
					options: { inputBinaryField: 'data', ...(body ? { body } : {}) },
				},
				{ fake },
			);
			expect(run.error?.message).toBe(message);
			expect(fake.requests).toHaveLength(0);
		});
	});
});
