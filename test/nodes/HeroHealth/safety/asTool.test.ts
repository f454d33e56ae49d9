// The safety controls hold the same when an AI agent calls the node as a tool: n8n runs the same
// node under the Tool type, with the parameters the model filled in.
import type { IDataObject } from 'n8n-workflow';

import { at } from '../../../harness/clock';
import { byId, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

const patients = (count: number) =>
	[...(fake.store.patients.values() as Iterable<IDataObject>)]
		.slice(0, count)
		.map((p) => ({ nhs: p.nhs_number, dob: p.dob }));

const sendToMany = (extra: IDataObject = {}): IDataObject => ({
	resource: 'message',
	operation: 'sendToMany',
	nhsNumber: '={{ $json.nhs }}',
	dateOfBirth: '={{ $json.dob }}',
	batchChannel: 'SMS',
	content: 'Your review is due',
	sendWindow: 'off',
	...extra,
});

describe("as an AI agent's tool", () => {
	beforeEach(() => {
		fake.store.messages.clear();
		fake.store.batchMessages.clear();
	});

	it('Send to Many leaves out a patient who has died, and sends the others once', async () => {
		const items = patients(2);
		const patient = [...(fake.store.patients.values() as Iterable<IDataObject>)].find(
			(p) => p.nhs_number === items[1].nhs,
		)!;
		patient.deceased_at = '2026-11-01T00:00:00Z';
		try {
			const run = await runHero(sendToMany(), {
				fake,
				items,
				asTool: true,
				continueOnFail: true,
			});
			expect(run.json[1].error).toBe(
				"[item 1] Contactability Check: Hero's record shows the patient as deceased, so nothing was sent",
			);
			expect(run.json[0]).toMatchObject({ sent_by_this_run: true });
			expect([...fake.store.messages.values()]).toHaveLength(1);
		} finally {
			patient.deceased_at = null;
		}
	});

	it('a Campaign Key reused with other content is not sent', async () => {
		const items = patients(1);
		const campaign = 'agent-campaign';
		await runHero(sendToMany({ additionalFields: { campaignKey: campaign } }), {
			fake,
			items,
			asTool: true,
		});
		const rerun = await runHero(
			sendToMany({ content: 'Other text', additionalFields: { campaignKey: campaign } }),
			{ fake, items, asTool: true },
		);
		expect(rerun.error?.message).toMatch(
			/with another content, so this run's message was not sent$/,
		);
		expect([...fake.store.messages.values()]).toHaveLength(1);
	});

	it("Dry Run's preview hides the API key the model put in a message", async () => {
		const run = await runHero(
			{
				resource: 'message',
				operation: 'send',
				patientId: byId('20001'),
				channel: 'sms',
				message: `Key ${fake.apiKey}`,
				dryRun: true,
			},
			{ fake, asTool: true },
		);
		expect(JSON.stringify(run.json)).not.toContain(fake.apiKey);
		expect(fake.received('sendMessage')).toBe(0);
	});

	it('a Send At in the past is refused, and one at night is moved to the window', async () => {
		const send = (sendAt: string, sendWindow: string) =>
			runHero(
				{
					resource: 'message',
					operation: 'send',
					patientId: byId('20001'),
					channel: 'sms',
					message: 'Your review is due',
					sendWindow,
					additionalFields: { sendAt },
				},
				{ fake, asTool: true },
			);
		const past = await at('2026-12-02T12:00:00Z', () => send('2026-12-01T10:00:00Z', 'refuse'));
		expect(past.error?.message).toMatch(/^\[item 0\] Send At: 2026-12-01T10:00:00Z is in the past/);
		await at('2026-12-02T12:00:00Z', () => send('2026-12-03T02:00:00Z', 'schedule'));
		expect(fake.requestsFor('sendMessage')[0].body.send_at).toBe('2026-12-03T08:00:00Z');
	});
});
