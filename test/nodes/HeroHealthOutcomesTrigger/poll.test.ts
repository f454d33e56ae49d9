import type { IDataObject } from 'n8n-workflow';

import { at } from '../../harness/clock';
import { runHero } from '../../harness/engine';
import { useFakeHero } from '../../harness/fakeHero';
import { poller } from '../../harness/poll';

// The Hero Health Outcomes Trigger polled as n8n polls it, under a fake clock, against the fake
// Hero's message states over time (patient IDs ending 0 cannot be reached by the NHS App; ending
// 1-5 read it after 30 minutes; 6-9 never do).

const fake = useFakeHero();

const T0 = '2026-12-07T10:00:00Z';
const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const ALL = { events: ['batchCompleted', 'recipientsFailed', 'recipientsNotReached'] };

/** A recall of patients 20001-20010 by NHS App, sent at T0. */
async function recall(campaignKey = 'outcomes-recall'): Promise<string> {
	const items = Array.from({ length: 10 }, (_, i) => {
		const p = fake.store.patients.get(String(20001 + i)) as IDataObject;
		return { nhs: p.nhs_number, dob: p.dob };
	});
	const sent = await at(T0, () =>
		runHero(
			{
				resource: 'message',
				operation: 'sendToMany',
				nhsNumber: '={{ $json.nhs }}',
				dateOfBirth: '={{ $json.dob }}',
				batchChannel: 'NHS_APP',
				content: 'Your annual review is due: book at the surgery',
				sendWindow: 'off',
				additionalFields: { campaignKey },
			},
			{ fake, items },
		),
	);
	return String(sent.json[0].batch_id);
}

const events = (items: IDataObject[]) =>
	items.map((item) => `${String(item.event)} ${String(item.nhs_number ?? '')}`.trim());
const nhsOf = (id: number) =>
	String((fake.store.patients.get(String(id)) as IDataObject).nhs_number);

describe('Hero Health Outcomes Trigger', () => {
	beforeEach(() => {
		fake.store.messages.clear();
		fake.store.batchMessages.clear();
	});

	it('emits each event once, across polls and a restart, and nothing is skipped', async () => {
		const batchId = await recall();
		const trigger = poller(fake, ALL);
		// Queued: nothing has happened yet.
		expect(await at(later(0.5), () => trigger.poll())).toEqual([]);
		// Five minutes on: sent; 20010 is not on the NHS App.
		const first = await at(later(5), () => trigger.poll());
		expect(events(first)).toEqual([
			'batchCompleted',
			`recipientsFailed ${nhsOf(20010)}`,
			`recipientsNotReached ${nhsOf(20010)}`,
		]);
		expect(first[0]).toMatchObject({
			event_id: `completed:${batchId}`,
			batch: { id: batchId, channel: 'NHS_APP', status: 'COMPLETED' },
			counts: { recipients: 10, delivered: 9, failed: 1, reached: 0, not_reached: 1, waiting: 9 },
		});
		expect(first[1].outcome).toMatchObject({ state: 'failed', channel: 'nhs_app' });
		// The same moment again: nothing twice.
		expect(await at(later(5), () => trigger.poll())).toEqual([]);
		// The cursor, kept in n8n's database, holds no NHS number.
		expect(JSON.stringify(trigger.saved())).not.toContain(nhsOf(20010));

		// n8n restarts: the cursor comes back from the database (JSON).
		const restarted = poller(fake, ALL, trigger.saved());
		expect(await at(later(60), () => restarted.poll())).toEqual([]);
		// Four hours on: the four who never opened it are not reached.
		const unread = await at(later(240), () => restarted.poll());
		expect(events(unread)).toEqual(
			[20006, 20007, 20008, 20009].map((id) => `recipientsNotReached ${nhsOf(id)}`),
		);
		// Every recipient settled: the batch leaves the cursor and is not read again.
		const saved = restarted.saved()['node:Hero Health Outcomes Trigger'] as IDataObject;
		expect(saved).toEqual({ emitted: {}, settled: { [batchId]: expect.any(String) } });
		fake.reset();
		expect(await at(later(300), () => restarted.poll())).toEqual([]);
		expect(fake.requests.map((r) => r.operationId)).toEqual(['listBatchMessages']);
	});

	it('two polls at once emit each event once between them', async () => {
		await recall();
		const trigger = poller(fake, ALL);
		const [one, two] = await at(later(240), () => Promise.all([trigger.poll(), trigger.poll()]));
		const all = [...one, ...two].map((item) => item.event_id);
		expect(all).toHaveLength(1 + 1 + 5);
		expect(new Set(all).size).toBe(all.length);
	});

	it("stops reading within n8n's poll budget and picks the rest up next time", async () => {
		await recall('outcomes-budget-1');
		await recall('outcomes-budget-2');
		fake.requests.length = 0;
		const spent = poller(fake, { events: ['batchCompleted'] }, {}, 0);
		expect(await at(later(5), () => spent.poll())).toEqual([]);
		expect(fake.requestsFor('getBatchMessage')).toHaveLength(0);
		const next = poller(fake, { events: ['batchCompleted'] }, spent.saved());
		const completed = await at(later(5), () => next.poll());
		expect(completed.map((item) => (item.batch as IDataObject).name)).toEqual([
			'outcomes-budget-1 1/1',
			'outcomes-budget-2 1/1',
		]);
	});

	it('Fetch Test Event shows what there is without moving the cursor', async () => {
		await recall();
		const trigger = poller(fake, ALL);
		const test = await at(later(5), () => trigger.poll('manual'));
		expect(test.length).toBeGreaterThan(0);
		expect(await at(later(5), () => trigger.poll())).toHaveLength(test.length);
	});

	it('options that do not read stop the poll with an error naming them', async () => {
		await expect(poller(fake, { events: [] }).poll()).rejects.toThrow(
			'Events: choose at least one',
		);
		await expect(
			poller(fake, { events: ['batchCompleted'], options: { smsWaitHours: '' } }).poll(),
		).rejects.toThrow('SMS Wait (Hours): must be a number from 0 to 720');
	});
});
