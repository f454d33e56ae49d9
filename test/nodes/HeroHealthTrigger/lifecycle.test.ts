import { useFakeHero } from '../../harness/fakeHero';
import { triggerWorkflow } from '../../harness/trigger';

const fake = useFakeHero();
const EVENTS = ['appointment.confirmed', 'appointment.cancelled'];

function heroHooks(url?: string) {
	return [...fake.store.webhooks.values()].filter((hook: { url: string }) => !url || hook.url === url) as Array<{
		id: string;
		url: string;
		event_type: string;
		signing_key: string;
	}>;
}

afterEach(() => fake.store.webhooks.clear());

describe('Hero Health Trigger lifecycle', () => {
	it('create registers one webhook per event, each with its own random signing key kept in static data', async () => {
		const trigger = triggerWorkflow(fake, { events: EVENTS });
		await trigger.activate();
		const hooks = heroHooks(trigger.url());
		expect(hooks.map((h) => h.event_type).sort()).toEqual([...EVENTS].sort());
		for (const hook of hooks) expect(hook.signing_key).toMatch(/^[0-9a-f]{64}$/);
		expect(hooks[0].signing_key).not.toBe(hooks[1].signing_key);
		const stored = (trigger.registrations().registrations as Record<string, Record<string, { id: string; signingKey: string }>>)[trigger.url()];
		for (const hook of hooks) expect(stored[hook.event_type]).toEqual({ id: hook.id, signingKey: hook.signing_key });
		expect(trigger.url()).toBe('http://localhost:5678/webhook/b7f0c7d2-hero/webhook');
	});

	it('a second activation reuses what exists: no new webhooks', async () => {
		const trigger = triggerWorkflow(fake, { events: EVENTS });
		await trigger.activate();
		const before = heroHooks().map((h) => h.id).sort();
		await trigger.activate();
		expect(heroHooks().map((h) => h.id).sort()).toEqual(before);
		expect(fake.requestsFor('createWebhook')).toHaveLength(2);
	});

	it('after losing static data, checkExists restores ids and keys from Hero instead of duplicating', async () => {
		await triggerWorkflow(fake, { events: EVENTS }).activate();
		const restarted = triggerWorkflow(fake, { events: EVENTS }, { staticData: {} });
		expect(await restarted.hook('checkExists')).toBe(true);
		const stored = (restarted.registrations().registrations as Record<string, Record<string, { signingKey: string }>>)[restarted.url()];
		for (const hook of heroHooks()) expect(stored[hook.event_type].signingKey).toBe(hook.signing_key);
		expect(heroHooks()).toHaveLength(2);
	});

	it('a partial match (events changed) is cleaned up and recreated, leaving exactly the selection', async () => {
		await triggerWorkflow(fake, { events: EVENTS }).activate();
		const changed = triggerWorkflow(fake, { events: ['appointment.confirmed', 'prescription.issued'] });
		await changed.activate();
		expect(heroHooks(changed.url()).map((h) => h.event_type).sort()).toEqual(['appointment.confirmed', 'prescription.issued']);
	});

	it('test and production URLs at once keep separate webhooks; each delete removes only its own', async () => {
		const production = triggerWorkflow(fake, { events: EVENTS });
		const test = triggerWorkflow(fake, { events: EVENTS }, { isTest: true, staticData: production.workflow.staticData });
		await production.activate();
		await test.activate();
		expect(test.url()).toBe('http://localhost:5678/webhook-test/b7f0c7d2-hero/webhook');
		expect(heroHooks()).toHaveLength(4);
		expect(await test.deactivate()).toBe(true);
		expect(heroHooks().every((h) => h.url === production.url())).toBe(true);
		expect(await production.deactivate()).toBe(true);
		expect(heroHooks()).toHaveLength(0);
		expect(production.registrations().registrations).toBeUndefined();
	});

	it('delete leaves nothing even when Hero already removed one of them', async () => {
		const trigger = triggerWorkflow(fake, { events: EVENTS });
		await trigger.activate();
		fake.store.webhooks.delete(heroHooks()[0].id);
		expect(await trigger.deactivate()).toBe(true);
		expect(heroHooks()).toHaveLength(0);
	});

	it('a failure half way through create removes what it registered and reports the error', async () => {
		fake.inject({ operationId: 'createWebhook', after: 1, status: 500 });
		const trigger = triggerWorkflow(fake, { events: ['appointment.confirmed', 'prescription.issued'] });
		await expect(trigger.hook('create')).rejects.toThrow('HTTP 500');
		expect(fake.requestsFor('createWebhook')).toHaveLength(2);
		expect(fake.requestsFor('deleteWebhook')).toHaveLength(1);
		expect(heroHooks()).toHaveLength(0);
		expect(trigger.registrations().registrations).toBeUndefined();
	});
});
