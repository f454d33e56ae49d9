import { useFakeHero } from '../../harness/fakeHero';
import { triggerWorkflow } from '../../harness/trigger';

const fake = useFakeHero();
const EVENTS = ['appointment.confirmed', 'appointment.cancelled'];

function heroHooks(url?: string) {
	return [...fake.store.webhooks.values()].filter(
		(hook: { url: string }) => !url || hook.url === url,
	) as Array<{
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
		const stored = (
			trigger.registrations().registrations as Record<
				string,
				Record<string, { id: string; signingKey: string }>
			>
		)[trigger.url()];
		for (const hook of hooks)
			expect(stored[hook.event_type]).toEqual({ id: hook.id, signingKey: hook.signing_key });
		expect(trigger.url()).toBe('http://localhost:5678/webhook/b7f0c7d2-hero/webhook');
	});

	it('a second activation reuses what exists: no new webhooks', async () => {
		const trigger = triggerWorkflow(fake, { events: EVENTS });
		await trigger.activate();
		const before = heroHooks()
			.map((h) => h.id)
			.sort();
		await trigger.activate();
		expect(
			heroHooks()
				.map((h) => h.id)
				.sort(),
		).toEqual(before);
		expect(fake.requestsFor('createWebhook')).toHaveLength(2);
	});

	it('after losing static data, checkExists restores ids and keys from Hero instead of duplicating', async () => {
		await triggerWorkflow(fake, { events: EVENTS }).activate();
		const restarted = triggerWorkflow(fake, { events: EVENTS }, { staticData: {} });
		expect(await restarted.hook('checkExists')).toBe(true);
		const stored = (
			restarted.registrations().registrations as Record<
				string,
				Record<string, { signingKey: string }>
			>
		)[restarted.url()];
		for (const hook of heroHooks())
			expect(stored[hook.event_type].signingKey).toBe(hook.signing_key);
		expect(heroHooks()).toHaveLength(2);
	});

	it('a partial match (events changed) is cleaned up and recreated, leaving exactly the selection', async () => {
		await triggerWorkflow(fake, { events: EVENTS }).activate();
		const changed = triggerWorkflow(fake, {
			events: ['appointment.confirmed', 'prescription.issued'],
		});
		await changed.activate();
		expect(
			heroHooks(changed.url())
				.map((h) => h.event_type)
				.sort(),
		).toEqual(['appointment.confirmed', 'prescription.issued']);
	});

	it('test and production URLs at once keep separate webhooks; each delete removes only its own', async () => {
		const production = triggerWorkflow(fake, { events: EVENTS });
		const test = triggerWorkflow(
			fake,
			{ events: EVENTS },
			{ isTest: true, staticData: production.workflow.staticData },
		);
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
		const trigger = triggerWorkflow(fake, {
			events: ['appointment.confirmed', 'prescription.issued'],
		});
		await expect(trigger.hook('create')).rejects.toThrow('HTTP 500');
		expect(fake.requestsFor('createWebhook')).toHaveLength(2);
		expect(fake.requestsFor('deleteWebhook')).toHaveLength(1);
		expect(heroHooks()).toHaveLength(0);
		expect(trigger.registrations().registrations).toBeUndefined();
	});
});

// Hero's webhook list answer was never captured: each envelope it might use, with and without
// signing keys, through activations, restarts (static data kept) and lost static data.
describe.each([
	['{ data }', 'data', false],
	['a bare array', 'array', false],
	['{ webhooks }', 'webhooks', false],
	['{ data } without signing keys', 'data', true],
	['a bare array without signing keys', 'array', true],
	['{ webhooks } without signing keys', 'webhooks', true],
])('webhook list answered as %s', (_label, shape, hideSigningKeys) => {
	beforeEach(() => {
		fake.store.webhookList = { shape, hideSigningKeys };
	});
	afterEach(() => {
		delete fake.store.webhookList;
	});

	it('never leaves a duplicate through activations, restarts and lost static data', async () => {
		const trigger = triggerWorkflow(fake, { events: EVENTS });
		await trigger.activate();
		const first = heroHooks(trigger.url())
			.map((h) => h.id)
			.sort();
		expect(first).toHaveLength(2);

		await trigger.activate();
		const restarted = triggerWorkflow(
			fake,
			{ events: EVENTS },
			{ staticData: trigger.workflow.staticData },
		);
		await restarted.activate();
		await restarted.activate();
		expect(
			heroHooks(trigger.url())
				.map((h) => h.id)
				.sort(),
		).toEqual(first);
		expect(fake.requestsFor('createWebhook')).toHaveLength(2);

		const lost = triggerWorkflow(fake, { events: EVENTS }, { staticData: {} });
		await lost.activate();
		await lost.activate();
		const after = heroHooks(trigger.url());
		expect(after.map((h) => h.event_type).sort()).toEqual([...EVENTS].sort());
		// Keys Hero does not list cannot be adopted: the set is replaced, never doubled.
		if (hideSigningKeys) expect(after.map((h) => h.id).sort()).not.toEqual(first);
		else expect(after.map((h) => h.id).sort()).toEqual(first);

		await lost.deactivate();
		expect(heroHooks(trigger.url())).toEqual([]);
	});
});

describe('webhook list that cannot be read', () => {
	it('trusts the ids this trigger stored', async () => {
		const trigger = triggerWorkflow(fake, { events: EVENTS });
		await trigger.activate();
		fake.inject({ operationId: 'listWebhooks', status: 200, body: { unexpected: true } });
		expect(await trigger.hook('checkExists')).toBe(true);
		expect(fake.requestsFor('createWebhook')).toHaveLength(2);
		expect(heroHooks(trigger.url())).toHaveLength(2);
	});

	it('after a webhook was deleted on Hero, the set is registered again, once', async () => {
		const trigger = triggerWorkflow(fake, { events: EVENTS });
		await trigger.activate();
		fake.store.webhooks.delete(heroHooks(trigger.url())[0].id);
		await trigger.activate();
		expect(
			heroHooks(trigger.url())
				.map((h) => h.event_type)
				.sort(),
		).toEqual([...EVENTS].sort());
	});
});
