import type { IDataObject } from 'n8n-workflow';

import { byId, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

// What an SMS costs, on the engine: Dry Run states it, Max SMS Fragments (node version 4)
// refuses a longer message naming the item before anything is sent.

const fake = useFakeHero();

const send = (message: string, extra: IDataObject = {}) => ({
	resource: 'message',
	operation: 'send',
	patientId: byId('20003'),
	channel: 'sms',
	message,
	sendWindow: 'off',
	...extra,
});

/** 200 characters: two fragments in GSM-7; with one curly apostrophe, three in UCS-2. */
const plain =
	`Your annual asthma review is due. ${'Please book it at the surgery. '.repeat(6)}`.slice(0, 200);
const curly = `${plain.slice(0, 150)}’${plain.slice(151)}`;

describe('SMS cost and Max SMS Fragments', () => {
	it('Dry Run states characters, encoding and fragments, naming what forces UCS-2', async () => {
		const run = await runHero(send(curly, { dryRun: true, maxSmsFragments: 5 }), { fake });
		expect(run.json[0].sms).toEqual({
			characters: 200,
			encoding: 'UCS-2',
			ucs2_characters: ['’'],
			fragments_per_message: 3,
			recipients: 1,
			fragments_in_all: 3,
		});
		expect(fake.requestsFor('sendMessage')).toHaveLength(0);
	});

	it('a message over the limit fails its item, naming the field, the count and the character', async () => {
		const run = await runHero(send('={{ $json.text }}', { maxSmsFragments: 2 }), {
			fake,
			items: [{ text: plain }, { text: curly }, { text: 'Short and plain.' }],
			continueOnFail: true,
		});
		expect(run.json[0]).toMatchObject({ message_id: expect.any(String) });
		expect(run.json[1].error).toBe(
			'[item 1] Message: 200 characters take 3 SMS fragments, more than Max SMS Fragments (2); it is sent as UCS-2 (70 characters in one SMS, 67 per fragment) because of "’" (U+2019): replace them to fit 160',
		);
		expect(run.json[2]).toMatchObject({ message_id: expect.any(String) });
		// Only the two that fit were sent.
		expect(fake.requestsFor('sendMessage')).toHaveLength(2);
	});

	it('applies to SMS as the fallback of an NHS App message, and not to an NHS App message alone', async () => {
		const long = 'a'.repeat(480);
		const run = await runHero(send(long, { channel: 'nhs_app' }), { fake });
		expect(run.error).toBeUndefined();
		const fallback = await runHero(
			send(long, { channel: 'nhs_app', additionalFields: { fallbackChannel: 'sms' } }),
			{ fake, continueOnFail: true },
		);
		expect(fallback.json[0].error).toMatch(
			/^\[item 0\] Message: 480 characters take 4 SMS fragments/,
		);
	});

	it('Create Batch and Send to Many are limited too; versions 1 to 3 keep no limit', async () => {
		const batch = {
			resource: 'message',
			operation: 'createBatch',
			name: 'Recall',
			batchChannel: 'SMS',
			content: 'b'.repeat(500),
			recipients: JSON.stringify([{ nhs_number: '9990000018', dob: '1951-02-11' }]),
		};
		const refused = await runHero(batch, { fake, continueOnFail: true });
		expect(refused.json[0].error).toMatch(
			/^\[item 0\] Content: 500 characters take 4 SMS fragments/,
		);
		const many = await runHero(
			{
				resource: 'message',
				operation: 'sendToMany',
				nhsNumber: '9990000018',
				dateOfBirth: '1951-02-11',
				batchChannel: 'SMS',
				content: 'b'.repeat(500),
				sendWindow: 'off',
			},
			{ fake, continueOnFail: true },
		);
		expect(many.json[0].error).toMatch(/^\[item 0\] Content: 500 characters take 4 SMS fragments/);
		expect(fake.requestsFor('createBatchMessage')).toHaveLength(0);
		const v3 = await runHero(batch, { fake, typeVersion: 3 });
		expect(v3.error).toBeUndefined();
		expect(fake.requestsFor('createBatchMessage')).toHaveLength(1);
	});
});
