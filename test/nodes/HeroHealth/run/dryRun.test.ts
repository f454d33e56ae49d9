// Dry Run on every operation that writes: every field checked as for real, nothing written to
// Hero, and the preview is, field for field, the request the same input sends for real.
import type { IDataObject } from 'n8n-workflow';

import type { HeroField, HeroOperation } from '../../../../nodes/HeroHealth/model';
import { needsAChange, writes } from '../../../../nodes/HeroHealth/model';
import { RESOURCES } from '../../../../nodes/HeroHealth/resources';
import * as rules from '../../../../nodes/shared/normalise';
import { byId, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

/** A value each kind of field takes, by the rule that checks it. */
function sampleFor(field: HeroField): unknown {
	const { normalise, property } = field;
	if (property.type === 'resourceLocator') return byId('20001');
	if (property.type === 'options')
		return property.default || (property.options?.[0] as { value: string }).value;
	if (property.type === 'multiOptions') return [(property.options?.[0] as { value: string }).value];
	if (property.type === 'boolean') return true;
	if (property.type === 'number')
		return (property.typeOptions?.minValue as number | undefined) ?? 1;
	if (property.type === 'dateTime') return '2026-12-10T09:00:00Z';
	const byRule = new Map<unknown, unknown>([
		[rules.normaliseNhsNumber, '999 000 0018'],
		[rules.normaliseUkMobile, '07700 900123'],
		[rules.normaliseEmail, 'robin@example.com'],
		[rules.normaliseContact, '07700 900123'],
		[rules.normaliseDate, '2026-12-10'],
		[rules.normaliseId, '20001'],
		[rules.normaliseIdList, '101'],
		[rules.normalisePostcode, 'SW1A 1AA'],
		[rules.normaliseSnomedCode, '279991000000102'],
		[rules.normaliseRecipients, '[{"nhs_number": "999 000 0018", "dob": "1970-01-31"}]'],
		[rules.normaliseKey, 'ABC123'],
		[rules.normaliseTextList, 'first_name'],
		[rules.normaliseJsonObject, '{}'],
		[rules.normaliseJson, '{}'],
	]);
	return byRule.has(normalise) ? byRule.get(normalise) : 'Test';
}

/** Per operation, values the spec or a check across fields needs beyond the samples. */
const OVERRIDES: Record<string, IDataObject> = {
	'invoicing.createInvoice': { additionalFields: { patientId: byId('20001') } },
	'webhook.create': { url: 'https://example.com/hero', eventType: 'appointment.confirmed' },
	'message.send': { channel: 'sms' },
	'link.createAttachmentLink': { additionalFields: { ehrFileId: 'FILE-1' } },
};

function parametersFor(resource: string, operation: HeroOperation): IDataObject {
	// Quiet hours off: the preview and the real send are compared whatever the time of day.
	const parameters: IDataObject = { resource, operation: operation.value, sendWindow: 'off' };
	for (const field of operation.fields.filter((f) => f.required)) {
		if (
			field.showWhen &&
			!Object.entries(field.showWhen).every(([name, values]) =>
				values.includes(parameters[name] as string),
			)
		)
			continue;
		parameters[field.property.name] = sampleFor(field) as IDataObject[string];
	}
	if (needsAChange(operation)) {
		const first = operation.fields.find((f) => !f.required && f.place === 'body')!;
		parameters.additionalFields = {
			[first.property.name]: sampleFor(first) as IDataObject[string],
		};
	}
	const extra = OVERRIDES[`${resource}.${operation.value}`] ?? {};
	return {
		...parameters,
		...extra,
		additionalFields: {
			...((parameters.additionalFields as IDataObject) ?? {}),
			...((extra.additionalFields as IDataObject) ?? {}),
		},
	};
}

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
});
