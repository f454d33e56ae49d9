import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

describe('Webhook', () => {
	it('Create, Get Many by event type, Delete', async () => {
		const created = await runHero(
			{
				resource: 'webhook',
				operation: 'create',
				eventType: 'form-submission.created',
				url: 'https://example.com/hero',
				additionalFields: {
					description: 'CRM sync',
					signingKey: 'whsec-test',
					headers: '{"x-source":"hero"}',
				},
			},
			{ fake },
		);
		expect(created.error).toBeUndefined();
		const id = created.json[0].id as string;
		const list = await runHero(
			{
				resource: 'webhook',
				operation: 'list',
				returnAll: true,
				filters: { eventType: 'form-submission.created' },
			},
			{ fake },
		);
		expect(list.json.map((w) => w.id)).toEqual([id]);
		const removed = await runHero(
			{
				resource: 'webhook',
				operation: 'delete',
				webhookId: { __rl: true, mode: 'id', value: id },
			},
			{ fake },
		);
		expect(removed.json).toEqual([{ deleted: true }]);
		expect(fake.store.webhooks.size).toBe(0);
	});

	it('refuses a URL that is not a web address', async () => {
		const run = await runHero(
			{
				resource: 'webhook',
				operation: 'create',
				eventType: 'appointment.confirmed',
				url: 'hero-events',
			},
			{ fake },
		);
		expect(run.error?.message).toBe('[item 0] URL: must be a web address starting with https://');
	});
});
