import type { IDataObject } from 'n8n-workflow';

import { at } from '../../../harness/clock';
import { byId, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

// Message > Get Outcomes on the engine, against the fake Hero's message states over time
// (dev/fake-hero/outcomes.js): patient IDs ending 0 cannot be reached by the NHS App, ending 1-5
// read it after 30 minutes, 6-9 never read it; an SMS to an ID ending 00 fails; every message is
// queued a minute, then delivered a minute later.

const fake = useFakeHero();

const T0 = '2026-12-07T10:00:00Z';
const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** Patients of the fake practice by ID (20001 on), as a recall list gives them. */
function patients(...ids: number[]): IDataObject[] {
	return ids.map((id) => {
		const p = fake.store.patients.get(String(id)) as IDataObject;
		return { id: p.id, nhs: p.nhs_number, dob: p.dob };
	});
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

const sendToMany = (channel: string, campaignKey: string) => ({
	resource: 'message',
	operation: 'sendToMany',
	nhsNumber: '={{ $json.nhs }}',
	dateOfBirth: '={{ $json.dob }}',
	batchChannel: channel,
	content: 'Your annual review is due: book at the surgery',
	sendWindow: 'off',
	additionalFields: { campaignKey },
});

const getOutcomes = (extra: IDataObject = {}) => ({
	resource: 'message',
	operation: 'getOutcomes',
	...extra,
});

describe('Message > Get Outcomes', () => {
	beforeEach(() => {
		fake.store.messages.clear();
		fake.store.batchMessages.clear();
	});

	it("adds each Send to Many recipient's outcome to the same item, reading the batch once", async () => {
		const items = patients(20010, 20001, 20002, 20006);
		const sent = await at(T0, () =>
			runHero(sendToMany('NHS_APP', 'review-outcomes'), { fake, items }),
		);
		fake.reset();
		const run = await at(later(60), () => runHero(getOutcomes(), { fake, items: sent.json }));
		expect(run.items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3].map((item) => ({ item })),
		);
		// 20010 is not on the NHS App; 20001 and 20002 read it after 30 minutes; 20006 never does.
		expect(run.json.map((json) => (json.outcome as IDataObject).state)).toEqual([
			'failed',
			'read',
			'read',
			'delivered',
		]);
		expect(run.json[0]).toMatchObject({
			batch_id: sent.json[0].batch_id,
			recipient_id: sent.json[0].recipient_id,
			outcome: {
				channel: 'nhs_app',
				hero_status: 'failed',
				reached: false,
				not_reached: true,
				waiting: false,
				reason: 'Patient is not registered for the NHS App',
			},
		});
		expect(run.json[1].outcome).toMatchObject({ reached: true, not_reached: false });
		// One batch: read once (the batch, its recipients, its sends), whatever the item count.
		expect(fake.requests.map((r) => r.operationId)).toEqual([
			'getBatchMessage',
			'listBatchMessageRecipients',
			'listBatchMessageSends',
		]);
	});

	it('Only Not Reached follows the clock: failed at once, unread NHS App messages after the wait', async () => {
		const items = patients(...range(20001, 10));
		const sent = await at(T0, () =>
			runHero(sendToMany('NHS_APP', 'review-not-reached'), { fake, items }),
		);
		const notReached = async (minutes: number) => {
			const run = await at(later(minutes), () =>
				runHero(getOutcomes({ onlyNotReached: true }), { fake, items: sent.json }),
			);
			return run.items.map((item) => (item.pairedItem as { item: number }).item);
		};
		// Queued: nobody is not reached yet.
		expect(await notReached(0)).toEqual([]);
		// An hour on: 20010 failed; 20006-20009 have it unread, still within 3 hours.
		expect(await notReached(60)).toEqual([9]);
		// Four hours on: the unread ones too. Readers (20001-20005) never appear.
		expect(await notReached(240)).toEqual([5, 6, 7, 8, 9]);
		// NHS App Reached When Delivered: only the failure.
		const delivered = await at(later(240), () =>
			runHero(getOutcomes({ onlyNotReached: true, filters: { nhsAppReachedWhen: 'delivered' } }), {
				fake,
				items: sent.json,
			}),
		);
		expect(delivered.items.map((item) => item.pairedItem)).toEqual([{ item: 9 }]);
	});

	it('Send a Message: the message read by its ID, SMS delivered a few minutes on', async () => {
		const [patient] = patients(20002);
		const send = {
			resource: 'message',
			operation: 'send',
			patientId: byId(String(patient.id)),
			channel: 'sms',
			message: 'Your results are ready; please call the surgery.',
			sendWindow: 'off',
		};
		const sent = await at(T0, () => runHero(send, { fake }));
		const waiting = await at(later(1.5), () => runHero(getOutcomes(), { fake, items: sent.json }));
		expect(waiting.json[0].outcome).toMatchObject({
			state: 'sent',
			waiting: true,
			not_reached: false,
			channel: 'sms',
		});
		const delivered = await at(later(5), () => runHero(getOutcomes(), { fake, items: sent.json }));
		expect(delivered.json[0]).toMatchObject({
			message_id: sent.json[0].message_id,
			outcome: { state: 'delivered', reached: true, message_id: sent.json[0].message_id },
		});
	});

	it("the fake Hero's clock moved on: messages already sent look older, on the node's own clock", async () => {
		const [patient] = patients(20002);
		const sent = await runHero(
			{
				resource: 'message',
				operation: 'send',
				patientId: byId(String(patient.id)),
				channel: 'nhs_app',
				message: 'Please book your review.',
				sendWindow: 'off',
			},
			{ fake },
		);
		fake.advanceClock(4 * 3_600_000);
		const run = await runHero(getOutcomes(), { fake, items: sent.json });
		expect(run.json[0].outcome).toMatchObject({ state: 'read', reached: true, channel: 'nhs_app' });
		const sentAt = Date.parse(String((run.json[0].outcome as IDataObject).sent_at));
		expect(Date.now() - sentAt).toBeGreaterThan(3.9 * 3_600_000);
	});

	it('a status Hero does not document counts as not reached, never as reached', async () => {
		fake.inject({ operationId: 'getMessage', status: 200, body: { id: '1', status: 'mystery' } });
		const run = await runHero(getOutcomes({ onlyNotReached: true }), {
			fake,
			items: [{ message_id: '1' }],
		});
		expect(run.json[0].outcome).toMatchObject({
			state: 'unknown',
			hero_status: 'mystery',
			reached: false,
			not_reached: true,
		});
	});

	it('a batch without a recipient gives every recipient, or up to the limit', async () => {
		const items = patients(20100, ...range(20001, 4));
		const sent = await at(T0, () => runHero(sendToMany('SMS', 'review-whole'), { fake, items }));
		const batch = { batch_id: sent.json[0].batch_id };
		const all = await at(later(5), () =>
			runHero(getOutcomes({ outcomeRecipientId: '' }), { fake, items: [batch] }),
		);
		expect(all.json).toHaveLength(5);
		expect(all.json.map((json) => (json.outcome as IDataObject).nhs_number)).toEqual(
			items.map((item) => item.nhs),
		);
		// 20100's number is dead: its SMS failed.
		expect(all.json.map((json) => (json.outcome as IDataObject).state)).toEqual([
			'failed',
			'delivered',
			'delivered',
			'delivered',
			'delivered',
		]);
		const two = await at(later(5), () =>
			runHero(getOutcomes({ outcomeRecipientId: '', returnAll: false, limit: 2 }), {
				fake,
				items: [batch],
			}),
		);
		expect(two.json).toHaveLength(2);
	});

	it('an item naming no message or batch, or a recipient the batch lacks, fails naming the field and item', async () => {
		const run = await runHero(getOutcomes(), {
			fake,
			items: [{ message_id: '' }, { batch_id: 'b1', recipient_id: 'r9' }],
			continueOnFail: true,
		});
		expect(run.json[0].error).toBe(
			'[item 0] Message ID: and Batch ID are both empty: connect this node after Send a Message (message_id) or Send to Many (batch_id and recipient_id), or map them',
		);
		expect(String(run.json[1].error)).toMatch(/^\[item 1\] /);
		// Only Not Reached decides who gets the next message: empty is an error, not "all".
		const empty = await runHero(getOutcomes({ onlyNotReached: '={{ $json.nothing }}' }), {
			fake,
			items: [{ message_id: '1' }],
			continueOnFail: true,
		});
		expect(empty.json[0].error).toBe('[item 0] Only Not Reached: is empty: give it true or false');
		expect(fake.requestsFor('getMessage')).toHaveLength(0);
	});
});
