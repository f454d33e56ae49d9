import type { IDataObject } from 'n8n-workflow';

import { testNhsNumber } from '../../../../dev/fake-hero/data';
import { HERO_NODE, heroCredentials, runChain, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const resource = 'message';
const patient = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Message', () => {
	it('runs the messaging flow as one workflow: register via PDS → send SMS to the returned patient', async () => {
		const run = await runChain(
			[
				{
					name: 'Register',
					type: HERO_NODE,
					parameters: {
						resource: 'patient',
						operation: 'registerPds',
						nhsNumber: '={{ $json.nhs }}',
						dateOfBirth: '={{ $json.dob }}',
					},
				},
				{
					name: 'Send',
					type: HERO_NODE,
					parameters: {
						resource,
						operation: 'send',
						patientId: patient('={{ $json.patient_id }}'),
						channel: 'sms',
						message: 'Your flu clinic invitation is ready.',
						// Quiet hours off: this test is about the flow, whatever the time of day.
						sendWindow: 'off',
						additionalFields: { recipient: "={{ $('Input').item.json.mobile }}" },
					},
				},
			],
			{
				credentials: heroCredentials(fake),
				items: [
					{
						nhs: '999 000 0026',
						dob: fake.store.patients.get('20002').dob,
						mobile: '07700 900123',
					},
				],
			},
		);
		expect(run.error).toBeUndefined();
		expect(run.jsonOf('Register')).toEqual([
			{ registered: true, identity_check_needed: false, patient_id: '20002' },
		]);
		expect(fake.requestsFor('registerPatientPds')[0].body).toEqual({
			nhs_number: '9990000026',
			dob: fake.store.patients.get('20002').dob,
		});
		expect(fake.requestsFor('sendMessage')[0].body).toEqual({
			patient_id: '20002',
			message_type: 'sms',
			message_string: 'Your flu clinic invitation is ready.',
			recipient_contact_detail: '+447700900123',
		});
		expect(run.jsonOf('Send')[0]).toEqual(
			expect.objectContaining({ message_id: expect.any(String) }),
		);
	});

	it('passes the identity-check answer (login_url) through as a normal item, and sends nothing after it', async () => {
		const run = await runHero(
			{
				resource: 'patient',
				operation: 'registerPds',
				nhsNumber: testNhsNumber(500000),
				dateOfBirth: '1980-05-05',
			},
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			{
				registered: false,
				identity_check_needed: true,
				message: expect.stringContaining('verify their identity'),
				login_url: expect.stringMatching(/^https:\/\/patient\.hero\.example\/verify\//),
			},
		]);
	});

	it('Send with every option, then Get the message', async () => {
		const run = await runHero(
			{
				resource,
				operation: 'send',
				patientId: patient('20003'),
				channel: 'nhs_app',
				message: 'Please book your review.',
				additionalFields: {
					fallbackChannel: 'email',
					fallbackRecipient: 'patient3@example.com',
					writeToRecord: true,
					autoWriteToRecord: false,
					snomedCode: '401271004',
					snomedTerm: 'Email sent to patient',
					encrypted: false,
					sendAt: '2026-12-24T09:00:00',
					taskId: '3001',
					messageAssigneeId: 801,
					assigneeType: 'Admin',
				},
			},
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(fake.requestsFor('sendMessage')[0].body).toEqual({
			patient_id: '20003',
			message_type: 'nhs_app',
			message_string: 'Please book your review.',
			fallback_message_type: 'email',
			fallback_contact_detail: 'patient3@example.com',
			write_to_record: true,
			auto_write_to_record: false,
			snomed_code: '401271004',
			snomed_term: 'Email sent to patient',
			encrypted: false,
			send_at: '2026-12-24T09:00:00Z',
			task_id: '3001',
			assignee_id: 801,
			assignee_type: 'Admin',
		});
		const get = await runHero(
			{ resource, operation: 'get', messageId: run.json[0].message_id },
			{ fake },
		);
		expect(get.json[0]).toEqual(
			expect.objectContaining({ status: 'scheduled', scheduled_at: '2026-12-24T09:00:00Z' }),
		);
	});

	it('refuses an email address as the recipient of an SMS before sending', async () => {
		const run = await runHero(
			{
				resource,
				operation: 'send',
				patientId: patient('20001'),
				channel: 'sms',
				message: 'Hi',
				additionalFields: { recipient: 'someone@example.com' },
			},
			{ fake },
		);
		expect(run.error?.message).toBe(
			'[item 0] Recipient: must be a UK mobile number when the channel is SMS',
		);
		expect(fake.requests).toHaveLength(0);
	});

	it('names the messaging scope on a 401', async () => {
		fake.inject({ operationId: 'sendMessage', status: 401 });
		const run = await runHero(
			{ resource, operation: 'send', patientId: patient('20001'), channel: 'sms', message: 'Hi' },
			{ fake },
		);
		expect(run.error?.description).toContain('"Messaging" scope');
		expect(fake.received('sendMessage')).toBe(1);
	});

	it('creates a batch, sends it, and lists its recipients and sends', async () => {
		const recipients = [
			{ nhs_number: '999 000 0018', dob: '1951-02-11' },
			{ nhsNumber: '9990000026', dateOfBirth: '12/03/1952' },
		];
		const created = await runHero(
			{
				resource,
				operation: 'createBatch',
				name: 'Flu 2026',
				batchChannel: 'EMAIL',
				content: 'Book your flu jab',
				recipients: JSON.stringify(recipients),
				additionalFields: { subject: 'Flu clinic' },
			},
			{ fake },
		);
		expect(created.error).toBeUndefined();
		expect(fake.requestsFor('createBatchMessage')[0].body.recipients).toEqual([
			{ nhs_number: '9990000018', dob: '1951-02-11' },
			{ nhs_number: '9990000026', dob: '1952-03-12' },
		]);
		const batchId = { __rl: true, mode: 'id', value: created.json[0].id };
		const sent = await runHero(
			// Quiet hours are off: this test is about the batch flow, whatever the time of day.
			{ resource, operation: 'sendBatch', batchMessageId: batchId, sendWindow: 'off' },
			{ fake },
		);
		expect(sent.json[0].status).toBe('QUEUED');
		const got = await runHero(
			{ resource, operation: 'getBatch', batchMessageId: batchId },
			{ fake },
		);
		expect(got.json[0]).toEqual(expect.objectContaining({ name: 'Flu 2026', channel: 'EMAIL' }));
		const recipientsOut = await runHero(
			{ resource, operation: 'listBatchRecipients', batchMessageId: batchId, returnAll: true },
			{ fake },
		);
		expect(recipientsOut.json).toHaveLength(2);
		const sends = await runHero(
			{
				resource,
				operation: 'listBatchSends',
				batchMessageId: batchId,
				returnAll: true,
				filters: { status: 'sent' },
			},
			{ fake },
		);
		expect(sends.error).toBeUndefined();
		const list = await runHero(
			{ resource, operation: 'listBatches', returnAll: true, filters: { batchStatus: 'CREATED' } },
			{ fake },
		);
		expect(list.error).toBeUndefined();
		expect(fake.requestsFor('listBatchMessages')[0].query.status).toEqual(['CREATED']);
	});

	it('an email batch needs a subject; a bad recipient names its entry', async () => {
		const noSubject = await runHero(
			{
				resource,
				operation: 'createBatch',
				name: 'x',
				batchChannel: 'EMAIL',
				content: 'y',
				recipients: '[{"nhs_number":"9990000018","dob":"1951-02-11"}]',
			},
			{ fake },
		);
		expect(noSubject.error?.message).toBe(
			'[item 0] Subject: is required when the channel is Email',
		);
		const badEntry = await runHero(
			{
				resource,
				operation: 'createBatch',
				name: 'x',
				batchChannel: 'SMS',
				content: 'y',
				recipients:
					'[{"nhs_number":"9990000018","dob":"1951-02-11"},{"nhs_number":"9990000019","dob":"1951-02-11"}]',
			},
			{ fake },
		);
		expect(badEntry.error?.message).toBe(
			'[item 0] Recipients: entry 1: NHS number has a wrong check digit, so it is not a valid NHS number',
		);
		expect(fake.requests).toHaveLength(0);
	});

	it('List Templates, Validate SNOMED Code and Get Automated Message', async () => {
		const templates = await runHero(
			{ resource, operation: 'listTemplates', returnAll: true, filters: { hasFollowUp: true } },
			{ fake },
		);
		expect(templates.json.map((t: IDataObject) => t.name)).toEqual(['Flu clinic invitation']);
		const snomed = await runHero(
			{ resource, operation: 'validateSnomedCode', snomedCode: '279991000000102' },
			{ fake },
		);
		expect(snomed.json[0]).toEqual(expect.objectContaining({ valid: true }));
		const automated = await runHero(
			{ resource, operation: 'getAutomatedMessage', automatedMessageId: '77' },
			{ fake },
		);
		expect(automated.error).toBeUndefined();
		expect(fake.requestsFor('getAutomatedMessage')[0].path).toBe('/v2/automated_messages/77');
	});
});
