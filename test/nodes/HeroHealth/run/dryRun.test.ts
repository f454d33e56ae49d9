// Dry Run on every operation that writes: every field checked as for real, nothing written to
// Hero, and the preview is, field for field, the request the same input sends for real.
import type { IDataObject } from 'n8n-workflow';

import type { HeroOperation } from '../../../../nodes/HeroHealth/model';
import { writes } from '../../../../nodes/HeroHealth/model';
import { RESOURCES } from '../../../../nodes/HeroHealth/resources';
import { byId, runHero } from '../../../harness/engine';
import { parametersFor } from '../../../harness/parameters';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

const WRITES = RESOURCES.flatMap((resource) =>
	resource.operations
		// Custom API Call and Send to Many (several requests) have tests of their own.
		.filter((operation) => writes(operation) && !operation.custom && !operation.run)
		.map((operation): [string, string, HeroOperation] => [
			`${resource.name} > ${operation.name}`,
			resource.value,
			operation,
		]),
);

/** The query as the fake Hero records it: every value a list of strings. */
function asReceived(query: IDataObject): Record<string, string[]> {
	return Object.fromEntries(
		Object.entries(query).map(([key, value]) => [
			key,
			(Array.isArray(value) ? value : [value]).map(String),
		]),
	);
}

describe('Dry Run', () => {
	it('is offered on every operation that writes (28, Send to Many and Custom API Call), on no read', () => {
		expect(WRITES).toHaveLength(28);
	});

	it.each(WRITES)(
		'%s: nothing reaches Hero, and the preview is what the same input sends',
		async (_label, resource, operation) => {
			const parameters = parametersFor(resource, operation);
			const dry = await runHero({ ...parameters, dryRun: true }, { fake });
			expect(dry.error).toBeUndefined();
			expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
			const [preview] = dry.json;
			expect(preview).toMatchObject({
				dry_run: true,
				method: operation.method,
				practice_group_id: fake.practiceGroupId,
			});
			expect(JSON.stringify(preview)).not.toContain(fake.apiKey);

			fake.reset();
			await runHero(parameters, { fake });
			const sent = fake.requests.filter((r) => r.method === operation.method);
			expect(sent).toHaveLength(1);
			expect({
				method: preview.method,
				path: preview.path,
				query: asReceived(preview.query as IDataObject),
				body: preview.body ?? {},
			}).toEqual({
				method: sent[0].method,
				path: sent[0].path,
				query: sent[0].query,
				body: sent[0].body ?? {},
			});
		},
	);

	it('an item that fails its checks fails exactly as in a real run, and the others are previewed', async () => {
		const parameters = {
			resource: 'message',
			operation: 'send',
			patientId: byId('={{ $json.id }}'),
			channel: 'sms',
			message: 'Reminder',
		};
		const items = [{ id: '20001' }, { id: 'abc' }, { id: '20002' }];
		const dry = await runHero(
			{ ...parameters, dryRun: true },
			{ fake, continueOnFail: true, items },
		);
		const real = await runHero(parameters, { fake, continueOnFail: true, items });
		expect(dry.json[1].error).toBe(real.json[1].error);
		expect(dry.json.map((item) => Boolean(item.dry_run))).toEqual([true, false, true]);
		expect(fake.requestsFor('sendMessage')).toHaveLength(2); // from the real run only
	});

	it('the preview names the practice the item acts for: Request Options > Practice Group ID when set', async () => {
		const run = await runHero(
			{
				resource: 'task',
				operation: 'update',
				taskId: '3001',
				additionalFields: { status: 'closed' },
				dryRun: true,
				requestOptions: { practiceGroupId: '4243' },
			},
			{ fake },
		);
		expect(run.json[0]).toMatchObject({
			practice_group_id: '4243',
			method: 'PATCH',
			path: '/v1/tasks/3001',
			body: { status: 'closed' },
		});
		expect(fake.requests).toEqual([]);
	});

	it('a Custom API Call with Dry Run sends nothing, whatever its method', async () => {
		const run = await runHero(
			{
				resource: 'customApiCall',
				operation: 'call',
				method: 'DELETE',
				path: '/v1/webhooks/9001',
				dryRun: true,
			},
			{ fake },
		);
		expect(run.json[0]).toMatchObject({
			dry_run: true,
			method: 'DELETE',
			path: '/v1/webhooks/9001',
			operation: 'Custom API Call',
		});
		expect(fake.requests).toEqual([]);
	});

	it('"yes" reads as on and "maybe" is refused, as for every yes/no', async () => {
		const base = {
			resource: 'task',
			operation: 'update',
			taskId: '3001',
			additionalFields: { status: 'closed' },
		};
		expect((await runHero({ ...base, dryRun: 'yes' }, { fake })).json[0].dry_run).toBe(true);
		expect((await runHero({ ...base, dryRun: 'maybe' }, { fake })).error?.message).toBe(
			'[item 0] Dry Run: must be true or false (yes/no, on/off and 1/0 are read too)',
		);
		expect(fake.requests).toEqual([]);
	});

	it('a preview is scrubbed like a run: a signing key, the API key and a token never show in it', async () => {
		// A JSON Web Token's shape, made here so no literal looks like a secret in the source.
		const jwt = [
			'eyJhbGciOiJIUzI1NiJ9',
			'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
			'c2lnbmF0dXJlLXZhbHVl',
		].join('.');
		const chosen = ['whsec', 'preview', 'chosen', '0001'].join('-');
		const run = await runHero(
			{
				resource: 'webhook',
				operation: 'create',
				eventType: 'appointment.confirmed',
				url: 'https://example.com/hero',
				dryRun: true,
				additionalFields: {
					signingKey: chosen,
					description: `={{ "key " + $json.key + " token " + $json.token }}`,
				},
			},
			{ fake, items: [{ key: fake.apiKey, token: jwt }] },
		);
		const body = run.json[0].body as IDataObject;
		expect(body.signing_key).toBe('[hidden]');
		expect(body.description).toBe('key [hidden] token [hidden]');
		const text = JSON.stringify(run.json);
		for (const secret of [chosen, fake.apiKey, jwt]) expect(text).not.toContain(secret);
		expect(fake.requests).toEqual([]);
	});
});
