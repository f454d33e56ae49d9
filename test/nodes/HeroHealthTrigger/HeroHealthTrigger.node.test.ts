import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	forgetAcceptedDeliveries,
	MEND_AFTER_MS,
} from '../../../nodes/HeroHealthTrigger/deliveries';
import { HeroHealthTrigger } from '../../../nodes/HeroHealthTrigger/HeroHealthTrigger.node';
import { processedData } from '../../harness/deduplication';
import { useFakeHero } from '../../harness/fakeHero';
import { triggerWorkflow } from '../../harness/trigger';

const fake = useFakeHero();

// A process mends its delivery records up to twice MEND_AFTER_MS after the last one: wait that
// out, so no timer outlives the file (jest would force its worker to exit).
afterAll(async () => await sleep(2 * MEND_AFTER_MS + 100));

type Trigger = ReturnType<typeof triggerWorkflow>;

function keyFor(event: string): string {
	const hook = [...fake.store.webhooks.values()].find(
		(h: { event_type: string }) => h.event_type === event,
	);
	return hook.signing_key;
}

function signed(
	key: string,
	timestamp: string,
	body: string,
	encoding: 'hex' | 'base64' = 'hex',
	prefix = '',
) {
	const signature = createHmac('sha256', key).update(`${timestamp}.${body}`).digest(encoding);
	return { 'X-Herohealth-Timestamp': timestamp, 'X-Herohealth-Signature': prefix + signature };
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));
const appointmentEvent = (id = '777') =>
	JSON.stringify({
		object: 'Appointment',
		id,
		practice_group_id: fake.practiceGroupId,
		event: 'appointment.confirmed',
	});

let trigger: Trigger;

/** A signed patient.medical-record-updated delivery for patient 20001, naming `practice`. */
async function deliverPatientEvent(practice = fake.practiceGroupId, sign = true) {
	const body = JSON.stringify({
		object: 'Patient',
		id: '20001',
		practice_group_id: practice,
		event: 'patient.medical-record-updated',
	});
	const headers = sign ? signed(keyFor('patient.medical-record-updated'), nowSeconds(), body) : {};
	return await trigger.deliver(body, headers);
}

async function activate(
	options: Record<string, unknown> = {},
	events = ['appointment.confirmed', 'prescription.issued'],
) {
	fake.store.webhooks.clear();
	trigger = triggerWorkflow(fake, { events, options });
	await trigger.activate();
}

describe('Hero Health Trigger deliveries', () => {
	beforeEach(async () => {
		await activate();
	});

	it.each([
		['hex, seconds', 'hex', '', () => nowSeconds()],
		['base64, seconds', 'base64', '', () => nowSeconds()],
		['hex with sha256= prefix, milliseconds', 'hex', 'sha256=', () => String(Date.now())],
		['base64 with sha256= prefix, ISO 8601', 'base64', 'sha256=', () => new Date().toISOString()],
	] as const)(
		'accepts a correctly signed delivery (%s) as one item',
		async (_label, encoding, prefix, timestamp) => {
			const body = appointmentEvent();
			const ts = timestamp();
			const delivery = await trigger.deliver(
				body,
				signed(keyFor('appointment.confirmed'), ts, body, encoding, prefix),
			);
			expect(delivery.items).toEqual([
				{
					event: 'appointment.confirmed',
					object: 'Appointment',
					id: '777',
					practice_group_id: fake.practiceGroupId,
					delivered_at: expect.any(String),
					delivery_id: expect.stringMatching(/^[0-9a-f]{32}$/),
				},
			]);
			expect(
				Math.abs(Date.parse(delivery.items[0].delivered_at as string) - Date.now()),
			).toBeLessThan(5000);
		},
	);

	const rejections: Array<[string, () => Record<string, string>, string?]> = [
		[
			'a forged body',
			() => signed(keyFor('appointment.confirmed'), nowSeconds(), appointmentEvent('778')),
		],
		['a wrong key', () => signed('not-the-key', nowSeconds(), appointmentEvent())],
		[
			'the other event’s key',
			() => signed(keyFor('prescription.issued'), nowSeconds(), appointmentEvent()),
		],
		[
			'a missing timestamp',
			() => ({
				'X-Herohealth-Signature': signed(
					keyFor('appointment.confirmed'),
					nowSeconds(),
					appointmentEvent(),
				)['X-Herohealth-Signature'],
			}),
		],
		['a missing signature', () => ({ 'X-Herohealth-Timestamp': nowSeconds() })],
		['no headers at all', () => ({})],
		[
			'a stale timestamp (301 s old)',
			() =>
				signed(
					keyFor('appointment.confirmed'),
					String(Math.floor(Date.now() / 1000) - 301),
					appointmentEvent(),
				),
		],
		[
			'a future timestamp (301 s ahead)',
			() =>
				signed(
					keyFor('appointment.confirmed'),
					String(Math.floor(Date.now() / 1000) + 301),
					appointmentEvent(),
				),
		],
		[
			'a correctly signed timestamp of 20 digits',
			() => signed(keyFor('appointment.confirmed'), '9'.repeat(20), appointmentEvent()),
		],
		[
			'a correctly signed timestamp of 400 digits',
			() => signed(keyFor('appointment.confirmed'), '1'.repeat(400), appointmentEvent()),
		],
		[
			'a correctly signed timestamp that is a negative number',
			() => signed(keyFor('appointment.confirmed'), '-1795600000', appointmentEvent()),
		],
		[
			'an unreadable timestamp',
			() => signed(keyFor('appointment.confirmed'), 'yesterday', appointmentEvent()),
		],
		[
			'a truncated signature',
			() => {
				const headers = signed(keyFor('appointment.confirmed'), nowSeconds(), appointmentEvent());
				return {
					...headers,
					'X-Herohealth-Signature': headers['X-Herohealth-Signature'].slice(0, 40),
				};
			},
		],
	];

	it.each(rejections)('refuses %s with 401 and starts nothing', async (_label, headers) => {
		const delivery = await trigger.deliver(appointmentEvent(), headers());
		expect(delivery.status).toBe(401);
		expect(delivery.workflowData).toBeUndefined();
	});

	it('refuses a signed body that is not JSON: no event names a key to verify it with', async () => {
		const body = 'event=appointment.confirmed';
		const delivery = await trigger.deliver(
			body,
			signed(keyFor('appointment.confirmed'), nowSeconds(), body),
		);
		expect(delivery.status).toBe(401);
		expect(delivery.workflowData).toBeUndefined();
	});

	it('refuses an event signed with the key of another event', async () => {
		const body = JSON.stringify({
			object: 'Prescription',
			id: '20001',
			practice_group_id: fake.practiceGroupId,
			event: 'prescription.issued',
		});
		const delivery = await trigger.deliver(
			body,
			signed(keyFor('appointment.confirmed'), nowSeconds(), body),
		);
		expect(delivery.status).toBe(401);
		expect(delivery.workflowData).toBeUndefined();
	});

	it('acknowledges a signed event still registered but no longer selected, without starting the workflow', async () => {
		const narrowed = triggerWorkflow(
			fake,
			{ events: ['appointment.confirmed'], options: {} },
			{ staticData: trigger.workflow.staticData },
		);
		const body = JSON.stringify({
			object: 'Prescription',
			id: '20001',
			practice_group_id: fake.practiceGroupId,
			event: 'prescription.issued',
		});
		const delivery = await narrowed.deliver(
			body,
			signed(keyFor('prescription.issued'), nowSeconds(), body),
		);
		expect(delivery.status).toBe(200);
		expect(delivery.body).toEqual({ ignored: true });
		expect(delivery.workflowData).toBeUndefined();
	});

	it('outputs the whole payload, known fields first, unknown ones kept', async () => {
		const body = JSON.stringify({
			event: 'appointment.confirmed',
			id: '777',
			object: 'Appointment',
			practice_group_id: fake.practiceGroupId,
			appointment_status: 'confirmed',
			changes: { start_time: '2026-12-01T09:00:00Z' },
		});
		const delivery = await trigger.deliver(
			body,
			signed(keyFor('appointment.confirmed'), nowSeconds(), body),
		);
		expect(Object.keys(delivery.items[0])).toEqual([
			'event',
			'object',
			'id',
			'practice_group_id',
			'delivered_at',
			'delivery_id',
			'appointment_status',
			'changes',
		]);
		expect(delivery.items[0].changes).toEqual({ start_time: '2026-12-01T09:00:00Z' });
	});

	it('honours a narrower replay window', async () => {
		await activate({ replayWindow: 10 });
		const body = appointmentEvent();
		const delivery = await trigger.deliver(
			body,
			signed(keyFor('appointment.confirmed'), String(Math.floor(Date.now() / 1000) - 20), body),
		);
		expect(delivery.status).toBe(401);
	});
});

// In queue mode each webhook process remembers only what it accepted itself; a copy accepted by
// another one reaches a worker, where the trigger's step checks n8n's deduplication store.
describe('Hero Health Trigger replays across n8n processes', () => {
	beforeEach(async () => {
		await activate();
	});

	async function accepted(id = '777') {
		const body = appointmentEvent(id);
		const delivery = await trigger.deliver(
			body,
			signed(keyFor('appointment.confirmed'), nowSeconds(), body),
		);
		expect(delivery.status).toBe(200);
		return delivery;
	}

	it('passes a delivery on the first time, with the same Delivery ID for the same signed request', async () => {
		const body = appointmentEvent();
		const headers = signed(keyFor('appointment.confirmed'), nowSeconds(), body);
		const first = await trigger.deliver(body, headers);
		const execution = await trigger.execute(first.workflowData!);
		expect(execution.items).toEqual(first.items);
		expect(execution.hints).toEqual([]);
		const elsewhere = triggerWorkflow(
			fake,
			{ events: ['appointment.confirmed'], options: {} },
			{ staticData: trigger.workflow.staticData },
		);
		expect((await elsewhere.deliver(body, headers)).items[0].delivery_id).toBe(
			first.items[0].delivery_id,
		);
	});

	it('stops a copy another webhook process accepted: nothing runs after the trigger, and the execution says why', async () => {
		const delivery = await accepted();
		expect((await trigger.execute(delivery.workflowData!)).items).toHaveLength(1);
		forgetAcceptedDeliveries(); // the copy runs on another worker, which knows only n8n's store
		const again = await trigger.execute(delivery.workflowData!);
		expect(again.items).toEqual([]);
		expect(again.hints).toEqual([
			'This delivery was already received by another n8n process, so the workflow did not run for it again',
		]);
		expect(again.run.data.resultData.error).toBeUndefined();
	});

	it('a replay after 10,000 other deliveries in the window is still refused by the process that accepted it (401)', async () => {
		const body = appointmentEvent('4242');
		const headers = signed(keyFor('appointment.confirmed'), nowSeconds(), body);
		expect((await trigger.deliver(body, headers)).status).toBe(200);
		for (let i = 0; i < 10_001; i++) {
			const other = appointmentEvent(String(100_000 + i));
			const delivery = await trigger.deliver(
				other,
				signed(keyFor('appointment.confirmed'), nowSeconds(), other),
			);
			if (delivery.status !== 200) throw new Error(`delivery ${i} answered ${delivery.status}`);
		}
		const replay = await trigger.deliver(body, headers);
		expect(replay.status).toBe(401);
		expect(replay.workflowData).toBeUndefined();
	}, 120_000);

	it("a replay after 10,000 other deliveries in n8n's store is stopped on another process too", async () => {
		const delivery = await accepted('4343');
		expect((await trigger.execute(delivery.workflowData!)).items).toHaveLength(1);
		processedData.record(
			trigger.workflow.id,
			'trigger-0',
			Array.from({ length: 10_001 }, (_, i) => `other-${i}`),
		);
		forgetAcceptedDeliveries();
		const again = await trigger.execute(delivery.workflowData!);
		expect(again.items).toEqual([]);
		expect(again.hints).toHaveLength(1);
	});

	it('still passes other deliveries, and the same delivery to another workflow', async () => {
		const first = await accepted('777');
		await trigger.execute(first.workflowData!);
		const second = await accepted('778');
		expect((await trigger.execute(second.workflowData!)).items).toHaveLength(1);
		const otherWorkflow = triggerWorkflow(
			fake,
			{ events: ['appointment.confirmed'], options: {} },
			{ staticData: trigger.workflow.staticData },
		);
		expect((await otherWorkflow.execute(first.workflowData!)).items).toHaveLength(1);
	});

	it('records the first delivery when another process creates the store at the same moment', async () => {
		const delivery = await accepted();
		processedData.interleave('insert-conflict');
		expect((await trigger.execute(delivery.workflowData!)).items).toHaveLength(1);
		forgetAcceptedDeliveries();
		expect((await trigger.execute(delivery.workflowData!)).items).toEqual([]);
	});

	it('mends its record when another process wrote its list over it, at its next record', async () => {
		const first = await accepted('777');
		processedData.interleave('lost-update');
		expect((await trigger.execute(first.workflowData!)).items).toHaveLength(1);
		// Lost from n8n's store, but this process still refuses it.
		expect((await trigger.execute(first.workflowData!)).items).toEqual([]);
		const second = await accepted('778');
		expect((await trigger.execute(second.workflowData!)).items).toHaveLength(1);
		forgetAcceptedDeliveries();
		expect((await trigger.execute(first.workflowData!)).items).toEqual([]);
	});

	it('mends its list a moment after its last record, with no delivery after it', async () => {
		const delivery = await accepted();
		processedData.interleave('lost-update');
		expect((await trigger.execute(delivery.workflowData!)).items).toHaveLength(1);
		expect(processedData.entriesOf(trigger.workflow.id)).toBe(0);
		// Waits for the mend however busy the machine is; only a mend that never comes fails.
		for (
			let waited = 0;
			processedData.entriesOf(trigger.workflow.id) === 0 && waited < 30_000;
			waited += MEND_AFTER_MS / 10
		) {
			await sleep(MEND_AFTER_MS / 10);
		}
		forgetAcceptedDeliveries();
		expect((await trigger.execute(delivery.workflowData!)).items).toEqual([]);
	});

	it('records the deliveries of executions running at once in this process one at a time, so none overwrites another', async () => {
		const deliveries = await Promise.all(
			['801', '802', '803', '804'].map(async (id) => await accepted(id)),
		);
		const runs = await Promise.all(
			deliveries.map(async (delivery) => await trigger.execute(delivery.workflowData!)),
		);
		expect(runs.map((run) => run.items.length)).toEqual([1, 1, 1, 1]);
		forgetAcceptedDeliveries();
		const again = await Promise.all(
			deliveries.map(async (delivery) => await trigger.execute(delivery.workflowData!)),
		);
		expect(again.map((run) => run.items.length)).toEqual([0, 0, 0, 0]);
	});

	it("stops with a clear error, passing nothing on, when n8n's database does not answer twice", async () => {
		// A fresh process: no late mend of an earlier test's records takes the failures meant here.
		forgetAcceptedDeliveries();
		const delivery = await accepted();
		processedData.interleave('unavailable');
		processedData.interleave('unavailable');
		const execution = await trigger.execute(delivery.workflowData!);
		expect(execution.items).toEqual([]);
		expect(execution.run.data.resultData.error?.message).toBe(
			"Could not record this delivery in n8n's database, so the workflow did not run",
		);
		expect((execution.run.data.resultData.error as { description?: string }).description).toMatch(
			/Retry this execution/,
		);
		// The retry, once the database answers, runs it.
		expect((await trigger.execute(delivery.workflowData!)).items).toHaveLength(1);
	});

	it('with verification turned off there is no Delivery ID, and every delivery runs', async () => {
		await activate({ verifySignature: false });
		const delivery = await trigger.deliver(appointmentEvent(), {});
		expect(delivery.items[0].delivery_id).toBeNull();
		expect((await trigger.execute(delivery.workflowData!)).items).toHaveLength(1);
		expect((await trigger.execute(delivery.workflowData!)).items).toHaveLength(1);
	});
});

describe('Hero Health Trigger options', () => {
	it('Fetch Full Record adds the appointment, patient or form response from Hero', async () => {
		await activate({ fetchFullRecord: true }, [
			'appointment.confirmed',
			'patient.medical-record-updated',
			'prescription.issued',
		]);
		fake.store.appointments.set('555', {
			id: '555',
			patient_id: '20001',
			practitioner_id: '401',
			location_id: '301',
			appointment_type_id: '501',
			start_time: '2026-12-01T09:00:00Z',
			status: 'confirmed',
		});
		const appointment = JSON.stringify({
			object: 'Appointment',
			id: '555',
			practice_group_id: fake.practiceGroupId,
			event: 'appointment.confirmed',
		});
		const a = await trigger.deliver(
			appointment,
			signed(keyFor('appointment.confirmed'), nowSeconds(), appointment),
		);
		expect(a.items[0].record).toEqual(expect.objectContaining({ id: '555', status: 'confirmed' }));
		const patient = JSON.stringify({
			object: 'Patient',
			id: '20001',
			practice_group_id: fake.practiceGroupId,
			event: 'patient.medical-record-updated',
		});
		const p = await trigger.deliver(
			patient,
			signed(keyFor('patient.medical-record-updated'), nowSeconds(), patient),
		);
		expect(p.items[0].record).toEqual(
			expect.objectContaining({ id: '20001', nhs_number: expect.stringMatching(/^999/) }),
		);
		const prescription = JSON.stringify({
			object: 'Prescription',
			id: '42',
			practice_group_id: fake.practiceGroupId,
			event: 'prescription.issued',
		});
		const rx = await trigger.deliver(
			prescription,
			signed(keyFor('prescription.issued'), nowSeconds(), prescription),
		);
		expect(rx.items[0].record).toBeUndefined();
		expect(rx.items[0].record_note).toContain('no operation to fetch a Prescription');
	});

	it.each([
		[
			'raw (the default): the whole record',
			{},
			(record: IDataObject) => Object.keys(record).length > 10,
		],
		[
			'simplified: at most ten fields and the safety fields, the ID kept',
			{ recordOutput: 'simplified' },
			(record: IDataObject) =>
				Object.keys(record).filter((key) => !['deceased_at', 'restricted'].includes(key)).length <=
					10 &&
				record.id === '20001' &&
				'restricted' in record,
		],
		[
			'selected: the named fields and IDs',
			{ recordOutput: 'selected', recordFields: 'dob' },
			(record: IDataObject) =>
				Object.keys(record)
					.filter((key) => key !== 'id' && !key.endsWith('_id'))
					.join() === 'dob',
		],
	])('Record Output %s', async (_label, output, holds) => {
		await activate({ fetchFullRecord: true, ...output }, ['patient.medical-record-updated']);
		const delivery = await deliverPatientEvent();
		expect(holds(delivery.items[0].record as IDataObject)).toBe(true);
	});

	it("Fetch Full Record (Raw, the default) leaves a restricted patient's contact details and address out", async () => {
		fake.store.patients.get('20001').restricted = true;
		try {
			await activate({ fetchFullRecord: true }, ['patient.medical-record-updated']);
			const delivery = await deliverPatientEvent();
			const record = delivery.items[0].record as IDataObject;
			for (const key of ['mobile', 'email', 'postcode', 'address_line_1'])
				expect(record).not.toHaveProperty(key);
			expect(record.restricted).toBe(true);
		} finally {
			fake.store.patients.get('20001').restricted = false;
		}
	});

	it('Record Fields naming a field patient records do not have stops activation', async () => {
		fake.store.webhooks.clear();
		trigger = triggerWorkflow(fake, {
			events: ['patient.medical-record-updated'],
			options: { fetchFullRecord: true, recordOutput: 'selected', recordFields: 'dob, nhsnumber' },
		});
		await expect(trigger.hook('checkExists')).rejects.toThrow(
			'Record Fields: has "nhsnumber", not a field of Hero\'s patient records',
		);
	});

	it('Record Output left empty by an expression stops activation: never read as the whole record', async () => {
		fake.store.webhooks.clear();
		trigger = triggerWorkflow(fake, {
			events: ['patient.medical-record-updated'],
			options: { fetchFullRecord: true, recordOutput: '' },
		});
		await expect(trigger.hook('checkExists')).rejects.toThrow(
			'Record Output: is empty (an expression gave nothing); give it raw, simplified or selected',
		);
		expect(fake.store.webhooks.size).toBe(0);
	});

	it('Record Output: a restricted patient record leaves out contact details and address unless named', async () => {
		fake.store.patients.get('20001').restricted = true;
		try {
			await activate({ fetchFullRecord: true, recordOutput: 'simplified' }, [
				'patient.medical-record-updated',
			]);
			const delivery = await deliverPatientEvent();
			const record = delivery.items[0].record as IDataObject;
			for (const key of ['mobile', 'email', 'postcode']) expect(record).not.toHaveProperty(key);
			expect(record).toHaveProperty('last_name');
		} finally {
			fake.store.patients.get('20001').restricted = false;
		}
	});

	it('Fetch Full Record keeps the event when the record cannot be fetched', async () => {
		await activate({ fetchFullRecord: true }, ['appointment.cancelled']);
		const body = JSON.stringify({
			object: 'Appointment',
			id: '404404',
			practice_group_id: fake.practiceGroupId,
			event: 'appointment.cancelled',
		});
		const delivery = await trigger.deliver(
			body,
			signed(keyFor('appointment.cancelled'), nowSeconds(), body),
		);
		expect(delivery.items).toHaveLength(1);
		expect(delivery.items[0].record_error).toBe('No appointment with ID 404404 was found');
	});

	it.each([
		['a signed delivery', true],
		['an unsigned delivery with verification off', false],
	])(
		"Fetch Full Record reads for the credential's practice, whatever practice group %s names",
		async (_label, verify) => {
			await activate({ fetchFullRecord: true, verifySignature: verify }, [
				'patient.medical-record-updated',
			]);
			const delivery = await deliverPatientEvent('4243', verify);
			expect(delivery.items[0].record).toEqual(expect.objectContaining({ id: '20001' }));
			const reads = fake.requests.filter(
				(r) => r.method === 'GET' && r.path === '/v1/patients/20001',
			);
			expect(reads.map((r) => r.headers['x-practice-group-id'])).toEqual([fake.practiceGroupId]);
		},
	);

	it('with verification turned off, an unsigned delivery starts the workflow; the node warns about it', async () => {
		await activate({ verifySignature: false }, ['appointment.confirmed']);
		const delivery = await trigger.deliver(appointmentEvent(), {});
		expect(delivery.items).toHaveLength(1);
		const notice = new HeroHealthTrigger().description.properties.find(
			(p) => p.name === 'verificationOffNotice',
		);
		expect(notice?.type).toBe('notice');
		expect(notice?.displayOptions?.show).toEqual({ '/options.verifySignature': [false] });
	});

	it('is a proper trigger: no inputs, not an AI tool', () => {
		const { description } = new HeroHealthTrigger();
		expect(description.inputs).toEqual([]);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.name).toMatch(/Trigger$/);
	});
});
