import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { testNhsNumber } from '../../../../dev/fake-hero/data';
import { runHero } from '../../../harness/engine';
import { at } from '../../../harness/clock';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

/** Patients of the fake practice, each NHS number once, as a recall list would give them. */
function patients(count: number): IDataObject[] {
	const seen = new Set<string>();
	const list: IDataObject[] = [];
	for (const p of fake.store.patients.values() as Iterable<IDataObject>) {
		if (seen.has(String(p.nhs_number))) continue;
		seen.add(String(p.nhs_number));
		list.push({ nhs: p.nhs_number, dob: p.dob });
		if (list.length === count) break;
	}
	return list;
}

/** Valid test NHS numbers no patient of the practice has: Hero cannot match them. */
const unknown = (n: number): IDataObject => ({ nhs: testNhsNumber(5000 + n), dob: '1970-01-01' });

const sendToMany = (extra: IDataObject = {}) => ({
	resource: 'message',
	operation: 'sendToMany',
	nhsNumber: '={{ $json.nhs }}',
	dateOfBirth: '={{ $json.dob }}',
	batchChannel: 'SMS',
	content: 'Flu clinic on Saturday: book at the surgery',
	// Quiet hours are tested on their own below; these tests run at any time of day.
	sendWindow: 'off',
	...extra,
});

const sends = () => fake.received('sendBatchMessage');
const creates = () => fake.received('createBatchMessage');
const texts = () =>
	[...fake.store.messages.values()].filter((m: IDataObject) => m.batch_message_id).length;

describe('Message > Send to Many', () => {
	beforeEach(() => {
		fake.store.messages.clear();
		fake.store.batchMessages.clear();
	});

	it('the Contactability Check leaves out a patient who has died and a restricted record; the others go in a checked batch, sent once', async () => {
		const items = patients(4);
		const patient = (nhs: unknown) =>
			[...(fake.store.patients.values() as Iterable<IDataObject>)].find(
				(p) => p.nhs_number === nhs,
			)!;
		patient(items[1].nhs).deceased_at = '2026-11-01T00:00:00Z';
		patient(items[2].nhs).restricted = true;
		const campaign = 'checked-campaign';
		const parameters = sendToMany({ additionalFields: { campaignKey: campaign } });
		try {
			const run = await runHero(parameters, { fake, items, continueOnFail: true });
			expect(run.json[1].error).toBe(
				"[item 1] Contactability Check: Hero's record shows the patient as deceased, so nothing was sent",
			);
			expect(run.json[2].error).toBe(
				"[item 2] Contactability Check: the patient's record is restricted, so nothing was sent",
			);
			for (const index of [0, 3])
				expect(run.json[index]).toMatchObject({
					batch_name: `${campaign} 1/1 checked`,
					sent_by_this_run: true,
				});
			expect(creates()).toBe(2);
			expect(sends()).toBe(1);
			expect(texts()).toBe(2);
			expect(fake.requestsFor('createBatchMessage')[1].body.recipients).toHaveLength(2);

			const again = await runHero(parameters, { fake, items, continueOnFail: true });
			expect(again.json[0]).toMatchObject({ sent_by_this_run: false });
			expect(creates()).toBe(2);
			expect(sends()).toBe(1);
			expect(texts()).toBe(2);
		} finally {
			patient(items[1].nhs).deceased_at = null;
			patient(items[2].nhs).restricted = false;
		}
	});

	it('saved workflows (version 3) send the batch unchecked, as before', async () => {
		const run = await runHero(sendToMany(), { fake, items: patients(2), typeVersion: 3 });
		expect(run.error).toBeUndefined();
		expect(fake.received('getPatient')).toBe(0);
		expect(texts()).toBe(2);
	});

	it('takes Extra Body Fields for the batches it creates, checked like any body', async () => {
		fake.undocumented.body.add('x_partner_note');
		const run = await runHero(
			sendToMany({ additionalFields: { extraBodyFields: '{"x_partner_note": "wave 1"}' } }),
			{ fake, items: patients(2) },
		);
		expect(run.error).toBeUndefined();
		const [created] = fake.requestsFor('createBatchMessage');
		expect(created.body).toMatchObject({ channel: 'SMS', x_partner_note: 'wave 1' });
		expect((created.body as IDataObject).recipients).toHaveLength(2);

		fake.store.batchMessages.clear();
		const refused = await runHero(
			sendToMany({ additionalFields: { extraBodyFields: '{"content": "Another text"}' } }),
			{ fake, items: patients(1) },
		);
		expect(refused.error?.message).toBe(
			'[item 0] Extra Body Fields: content (Content) is already set by Content; give it in one place only',
		);
		expect(creates()).toBe(1);
	});

	it('sends 3 batches; recipients Hero refuses fail alone, each outcome on its own item', async () => {
		const items = [...patients(5), unknown(1)];
		[items[1], items[5]] = [items[5], items[1]]; // a refused recipient in the first batch
		const run = await runHero(sendToMany({ additionalFields: { batchSize: 2 } }), {
			fake,
			items,
			continueOnFail: true,
		});
		expect(run.error).toBeUndefined();
		expect(creates()).toBe(3);
		expect(sends()).toBe(3);
		expect(run.items.map((item) => item.pairedItem)).toEqual(
			items.map((_, index) => ({ item: index })),
		);
		const out = run.json;
		expect(out[1].error).toBe(
			'[item 1] Hero did not send to this recipient: No patient at the practice has this NHS number and date of birth',
		);
		for (const index of [0, 2, 3, 4, 5]) {
			expect(out[index]).toEqual({
				batch_id: expect.any(String),
				batch_name: expect.stringMatching(/ [123]\/3$/),
				batch_status: 'QUEUED',
				sent_by_this_run: true,
				recipient_status: 'ENRICHED',
				// Which recipient of the batch this item is, for Get Outcomes.
				recipient_id: expect.any(String),
			});
		}
		expect(new Set(out.filter((o) => o.batch_id).map((o) => o.batch_id)).size).toBe(3);
		expect(texts()).toBe(5);
		const [first] = fake.requestsFor('createBatchMessage');
		expect(first.body).toEqual({
			name: expect.stringMatching(/^n8n .+ 1\/3$/),
			channel: 'SMS',
			content: 'Flu clinic on Saturday: book at the surgery',
			recipients: [
				{ nhs_number: items[0].nhs, dob: items[0].dob },
				{ nhs_number: items[1].nhs, dob: items[1].dob },
			],
		});
	});

	it('without Continue On Fail, a refused recipient fails the run and names what was sent', async () => {
		const run = await runHero(sendToMany(), { fake, items: [...patients(2), unknown(2)] });
		expect(run.error?.message).toBe(
			'[item 2] Hero did not send to this recipient: No patient at the practice has this NHS number and date of birth',
		);
		expect(run.error?.description).toContain('Hero processed items 0, 1');
		expect(texts()).toBe(2);
	});

	it.each([
		['ENRICHMENT_ERROR', 'The practice system did not answer'],
		['INVALID_PAYLOAD', 'content is too long for SMS'],
	] as const)(
		'a batch Hero ends in %s is not sent; its items fail with the reason',
		async (status, reason) => {
			fake.enrichBatches({ failWith: status, reason });
			const run = await runHero(sendToMany(), { fake, items: patients(2), continueOnFail: true });
			expect(run.json.map((item) => item.error)).toEqual(
				[0, 1].map(
					(index) =>
						`[item ${index}] Hero refused batch "${String(fake.requestsFor('createBatchMessage')[0].body.name)}" (${status}): ${reason}; nothing was sent to its recipients`,
				),
			);
			expect(sends()).toBe(0);
			expect(texts()).toBe(0);
		},
	);

	it('a run repeated sends nothing new: the batches are found by name and not sent twice', async () => {
		const items = patients(4);
		const parameters = sendToMany({ additionalFields: { batchSize: 2 } });
		expect((await runHero(parameters, { fake, items })).error).toBeUndefined();
		const again = await runHero(parameters, { fake, items });
		expect(again.error).toBeUndefined();
		expect(creates()).toBe(2);
		expect(sends()).toBe(2);
		expect(texts()).toBe(4);
		expect(again.json.map((item) => item.sent_by_this_run)).toEqual([false, false, false, false]);
		expect(again.json.map((item) => item.batch_status)).toEqual([
			'QUEUED',
			'QUEUED',
			'QUEUED',
			'QUEUED',
		]);
	});

	it('a batch created but not sent (the run died between) is found, and sent once', async () => {
		const items = patients(3);
		fake.inject({ operationId: 'sendBatchMessage', reset: 'before' });
		const failed = await runHero(sendToMany(), { fake, items });
		expect(failed.error).toBeDefined();
		expect(texts()).toBe(0);
		const retried = await runHero(sendToMany(), { fake, items });
		expect(retried.error).toBeUndefined();
		expect(creates()).toBe(1);
		expect(texts()).toBe(3);
		expect(retried.json.every((item) => item.sent_by_this_run === true)).toBe(true);
	});

	it('waits while Hero enriches; a batch still enriching after Enrichment Wait is picked up by name on the next run', async () => {
		fake.enrichBatches({ hold: true }); // Hero has not finished matching the recipients
		const items = patients(2);
		const slow = await runHero(sendToMany({ additionalFields: { enrichmentWait: 1 } }), {
			fake,
			items,
		});
		expect(slow.error?.message).toMatch(
			/^\[item 0\] Hero had not finished matching the recipients of batch ".+" after 1 s; run the workflow again/,
		);
		expect(fake.received('getBatchMessage')).toBeGreaterThanOrEqual(1);
		expect(sends()).toBe(0);
		fake.enrichBatches({}); // Hero has finished
		const next = await runHero(sendToMany(), { fake, items });
		expect(next.error).toBeUndefined();
		expect(creates()).toBe(1);
		expect(sends()).toBe(1);
		expect(texts()).toBe(2);
	});

	it('the Campaign Key names the batches; the same key and recipients reuse them', async () => {
		const items = patients(3);
		const parameters = sendToMany({
			additionalFields: { campaignKey: 'flu-2026-wave-1', batchSize: 2 },
		});
		await runHero(parameters, { fake, items });
		expect(fake.requestsFor('createBatchMessage').map((r) => r.body.name)).toEqual([
			'flu-2026-wave-1 1/2',
			'flu-2026-wave-1 2/2',
		]);
		await runHero(parameters, { fake, items });
		expect(creates()).toBe(2);
		expect(sends()).toBe(2);
	});

	it('the same patient twice is sent one message; the second item fails', async () => {
		const [one, two] = patients(2);
		const run = await runHero(sendToMany(), { fake, items: [one, two, one], continueOnFail: true });
		expect(run.json[2].error).toBe(
			'[item 2] NHS Number: the same patient as item 0; each patient is sent the message once',
		);
		expect(fake.requestsFor('createBatchMessage')[0].body.recipients).toHaveLength(2);
		expect(texts()).toBe(2);
	});

	it('Dry Run previews every batch and recipient and creates nothing', async () => {
		const items = patients(3);
		const run = await runHero(sendToMany({ dryRun: true, additionalFields: { batchSize: 2 } }), {
			fake,
			items,
		});
		expect(run.json[2]).toEqual({
			dry_run: true,
			operation: 'Create a Batch Message, then Send a Batch Message',
			batch_name: expect.stringMatching(/ 2\/2$/),
			batch_recipients: 1,
			channel: 'SMS',
			content: 'Flu clinic on Saturday: book at the surgery',
			recipient: { nhs_number: items[2].nhs, dob: items[2].dob },
			practice_group_id: fake.practiceGroupId,
			batch_status: 'not created yet',
			would_send: true,
			// What the SMS costs: one fragment each, three for the campaign's three recipients.
			sms: {
				characters: 43,
				encoding: 'GSM-7',
				ucs2_characters: [],
				fragments_per_message: 1,
				recipients: 3,
				fragments_in_all: 3,
			},
		});
		// It reads what Hero holds under the batch names, and writes nothing.
		expect(fake.requests.map((r) => r.operationId)).toEqual(['listBatchMessages']);
	});

	describe('a Campaign Key reused with other content', () => {
		const campaign = 'recall-2026-wave-1';
		const key = { campaignKey: campaign };
		const corrected = { content: 'Corrected: the flu clinic is on Sunday' };

		it('a batch created but not sent under the key is never sent with its old text; the run names the key and what differs', async () => {
			const items = patients(2);
			fake.enrichBatches({ hold: true });
			const first = await runHero(sendToMany({ additionalFields: { ...key, enrichmentWait: 1 } }), {
				fake,
				items,
			});
			expect(first.error?.message).toMatch(/Hero had not finished matching/);
			fake.enrichBatches({});
			const rerun = await runHero(sendToMany({ ...corrected, additionalFields: key }), {
				fake,
				items,
				continueOnFail: true,
			});
			expect(rerun.json[0].error).toBe(
				'[item 0] Campaign Key "recall-2026-wave-1": Hero already holds batch "recall-2026-wave-1 1/1" (ENRICHED) with another content, so this run\'s message was not sent',
			);
			expect(sends()).toBe(0);
			expect(texts()).toBe(0);
			expect(creates()).toBe(1);
		});

		it('after a sent batch, new content under the same key fails instead of reporting success', async () => {
			const items = patients(2);
			await runHero(sendToMany({ additionalFields: key }), { fake, items });
			expect(texts()).toBe(2);
			const rerun = await runHero(sendToMany({ ...corrected, additionalFields: key }), {
				fake,
				items,
			});
			expect(rerun.error?.message).toMatch(
				/^\[item 0\] Campaign Key "recall-2026-wave-1": Hero already holds batch .+ \(QUEUED\) with another content/,
			);
			expect(rerun.error?.description).toContain('(it has been sent already)');
			expect(texts()).toBe(2);
		});

		it('Dry Run shows it too: the preview fails as the real run would, and names a batch already sent', async () => {
			const items = patients(2);
			await runHero(sendToMany({ additionalFields: key }), { fake, items });
			const same = await runHero(sendToMany({ dryRun: true, additionalFields: key }), {
				fake,
				items,
			});
			expect(same.json[0]).toMatchObject({ batch_status: 'QUEUED', would_send: false });
			const stale = await runHero(
				sendToMany({ ...corrected, dryRun: true, additionalFields: key }),
				{ fake, items, continueOnFail: true },
			);
			expect(stale.json[0].error).toMatch(
				/with another content, so this run's message was not sent$/,
			);
			expect(creates()).toBe(1);
			expect(sends()).toBe(1);
		});
	});

	it("Dry Run's preview hides the API key and tokens that reached the message through an expression", async () => {
		const run = await runHero(sendToMany({ dryRun: true, content: '={{ "Key " + $json.leak }}' }), {
			fake,
			items: patients(1).map((item) => ({ ...item, leak: fake.apiKey })),
		});
		expect(run.json[0].content).toBe('Key [hidden]');
		expect(JSON.stringify(run.json)).not.toContain(fake.apiKey);
	});

	const CLOSING = 'closing-time';
	it('the window is checked again when sending: one that closes during enrichment sends nothing; the next run inside it sends once', async () => {
		const items = patients(2);
		const parameters = sendToMany({
			sendWindow: 'refuse',
			sendWindowHours: 'Mon-Sun 08:00-20:00',
			additionalFields: { campaignKey: CLOSING },
		});
		fake.enrichBatches({ hold: true });
		// 19:59:57 in December (UK time is UTC): open when the batch is created, closed by the send.
		const late = await at('2026-12-08T19:59:57Z', async () => {
			const running = runHero(parameters, { fake, items, continueOnFail: true });
			await sleep(4000);
			fake.enrichBatches({});
			return await running;
		});
		expect(creates()).toBe(1);
		expect(sends()).toBe(0);
		expect(texts()).toBe(0);
		expect(late.json.map((item) => item.next_window_opens_at)).toEqual([
			'2026-12-09T08:00:00Z',
			'2026-12-09T08:00:00Z',
		]);
		expect(late.json[0].error).toMatch(
			/^\[item 0\] Send Window: now is outside Mon-Sun 08:00-20:00/,
		);

		const morning = await at('2026-12-09T09:00:00Z', () => runHero(parameters, { fake, items }));
		expect(morning.error).toBeUndefined();
		expect(creates()).toBe(1);
		expect(sends()).toBe(1);
		expect(texts()).toBe(2);
	});

	it('items that differ in Dry Run or Send Window are refused, naming them; nothing is created', async () => {
		const items = patients(3).map((item, index) => ({ ...item, preview: index !== 1 }));
		const run = await runHero(sendToMany({ dryRun: '={{ $json.preview }}' }), { fake, items });
		expect(run.error?.message).toBe(
			'Send to Many: items differ in Dry Run, Send Window, Send Window Hours, Contactability Check, Batch Size, Campaign Key or Enrichment Wait, so nothing was created or sent',
		);
		expect(run.error?.description).toContain('Items 0, 2 differ from Items 1');
		expect(fake.requests).toHaveLength(0);
	});

	it('outside the Send Window nothing is created or sent', async () => {
		// A window of one hour, three hours from now (UK time): closed now, whatever the time.
		const opens = DateTime.now().setZone('Europe/London').plus({ hours: 3 }).startOf('hour');
		const hours = `Mon-Sun ${opens.toFormat('HH:mm')}-${opens.plus({ minutes: 59 }).toFormat('HH:mm')}`;
		const run = await runHero(sendToMany({ sendWindow: 'refuse', sendWindowHours: hours }), {
			fake,
			items: patients(2),
			continueOnFail: true,
		});
		expect(run.json.map((item) => item.next_window_opens_at)).toEqual([
			expect.any(String),
			expect.any(String),
		]);
		expect(fake.requests).toHaveLength(0);
	});

	it.each([
		['an item with no NHS number', {}, [{ dob: '1970-01-01' }], '[item 0] NHS Number is required'],
		['an empty content', { content: '' }, undefined, 'Parameter "Content" is required'],
		[
			'a Batch Size of "lots"',
			{ additionalFields: { batchSize: 'lots' } },
			undefined,
			'[item 0] Batch Size: must be a whole number from 1 to 10000',
		],
		[
			'a Batch Size of 0',
			{ additionalFields: { batchSize: 0 } },
			undefined,
			'[item 0] Batch Size: must be a whole number from 1 to 10000',
		],
		[
			'an email without a subject',
			{ batchChannel: 'EMAIL' },
			undefined,
			'[item 0] Subject: is required when the channel is Email',
		],
	])(
		'%s is a clear error naming the field before anything is created',
		async (_, change, items, message) => {
			const run = await runHero(sendToMany(change), { fake, items: items ?? patients(1) });
			expect(run.error?.message).toContain(message);
			expect(fake.requests).toHaveLength(0);
		},
	);

	it('no recipient left after the checks is an error, and nothing is created', async () => {
		const run = await runHero(sendToMany(), {
			fake,
			items: [{ dob: '1970-01-01' }],
			continueOnFail: true,
		});
		expect(run.json[0].error).toBe('[item 0] NHS Number is required');
		expect(fake.requests).toHaveLength(0);
	});
});
