import type { IDataObject } from 'n8n-workflow';

import { HeroHealth } from '../../../../nodes/HeroHealth/HeroHealth.node';
import { byId, HERO_NODE, heroCredentials, runChain, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const resource = 'booking';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

function firstSlot(typeId = '501'): IDataObject {
	return fake.store.slots.find((s: IDataObject) => s.appointment_type_id === typeId && !s.booked);
}

async function reserve(slot = firstSlot(), extra: IDataObject = {}) {
	return await runHero(
		{
			resource,
			operation: 'createAppointment',
			appointmentTypeId: rl(slot.appointment_type_id as string),
			locationId: rl(slot.location_id as string),
			practitionerId: rl(slot.practitioner_id as string),
			startTime: slot.start_time,
			duration: slot.duration,
			additionalFields: { patientId: '20001', ...extra },
		},
		{ fake },
	);
}

describe('Booking', () => {
	it('runs the booking flow as one workflow: types → slots → reserve → book → confirmed', async () => {
		const hero = (name: string, parameters: IDataObject) => ({ name, type: HERO_NODE, parameters });
		const run = await runChain(
			[
				hero('Appointment Types', {
					resource: 'practiceGroup',
					operation: 'listAppointmentTypes',
					limit: 1,
					filters: { hasAvailability: true },
				}),
				hero('Slots', {
					resource,
					operation: 'listSlots',
					limit: 1,
					filters: {
						appointmentTypeId: '={{ $json.id }}',
						startDate: '={{ $now.plus({ days: 1 }).toISODate() }}',
					},
				}),
				hero('Reserve', {
					resource,
					operation: 'createAppointment',
					appointmentTypeId: rl('={{ $json.appointment_type_id }}'),
					locationId: rl('={{ $json.location_id }}'),
					practitionerId: rl('={{ $json.practitioner_id }}'),
					startTime: '={{ $json.start_time }}',
					duration: "={{ $('Appointment Types').item.json.duration }}",
					additionalFields: { patientId: "={{ $('Input').item.json.patientId }}" },
				}),
				hero('Book', { resource, operation: 'bookAppointment', appointmentId: '={{ $json.id }}' }),
				hero('Check', {
					resource,
					operation: 'getAppointment',
					appointmentId: '={{ $json.id }}',
					simplify: false,
				}),
			],
			{ credentials: heroCredentials(fake), items: [{ patientId: '20002' }] },
		);
		expect(run.error).toBeUndefined();
		const [appointment] = run.jsonOf('Check');
		expect(appointment).toEqual(
			expect.objectContaining({
				status: 'confirmed',
				patient_id: '20002',
				appointment_type_id: '501',
				booking_confirmed_at: expect.any(String),
			}),
		);
		expect(run.jsonOf('Reserve')[0]).toEqual({
			id: appointment.id,
			reserved_until: expect.any(String),
		});
		expect(fake.requestsFor('listSlots')[0].query).toEqual(
			expect.objectContaining({
				appointment_type_id: ['501'],
				page_index: ['0'],
				page_size: ['1'],
			}),
		);
	});

	it('Get Many Slots filters by type, location, practitioner and dates; Return All pages through', async () => {
		const run = await runHero(
			{
				resource,
				operation: 'listSlots',
				returnAll: true,
				filters: { appointmentTypeId: '502', locationId: '301', practitionerId: '402' },
			},
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(run.json.length).toBeGreaterThan(10);
		expect(run.json.every((s) => s.appointment_type_id === '502' && s.location_id === '301')).toBe(
			true,
		);
	});

	it('Count Slots and Get Slot', async () => {
		const count = await runHero(
			{ resource, operation: 'countSlots', filters: { appointmentTypeId: '503' } },
			{ fake },
		);
		expect(count.json[0].count).toBeGreaterThan(0);
		const slot = firstSlot('503');
		const get = await runHero({ resource, operation: 'getSlot', slotId: slot.id }, { fake });
		expect(get.json[0]).toEqual(
			expect.objectContaining({ id: slot.id, start_time: slot.start_time }),
		);
	});

	it('Create Appointment sends exactly the fields given, times in UTC', async () => {
		const slot = firstSlot('502');
		const run = await reserve(slot, { reason: 'Annual bloods', suppressMail: true });
		expect(run.error).toBeUndefined();
		expect(fake.requestsFor('createAppointment')[0].body).toEqual({
			appointment_type_id: '502',
			location_id: '301',
			practitioner_id: '402',
			start_time: new Date(slot.start_time as string).toISOString().replace('.000Z', 'Z'),
			duration: 15,
			patient_id: '20001',
			reason: 'Annual bloods',
			suppress_mail: true,
		});
	});

	it('Edit, Get Status, Reschedule and Cancel an appointment', async () => {
		const created = await reserve(firstSlot('501'));
		const id = created.json[0].id as string;
		const edit = await runHero(
			{
				resource,
				operation: 'editAppointment',
				appointmentId: id,
				startTime: '2026-12-02T10:00:00Z',
				duration: 20,
				practitionerId: byId('401'),
			},
			{ fake },
		);
		expect(edit.json[0]).toEqual(expect.objectContaining({ id, duration: 20 }));
		const status = await runHero(
			{ resource, operation: 'getAppointmentStatus', appointmentId: id },
			{ fake },
		);
		expect(status.json[0]).toEqual({ id, status: 'reserved' });
		await runHero(
			{
				resource,
				operation: 'bookAppointment',
				appointmentId: id,
				additionalFields: { suppressMail: true },
			},
			{ fake },
		);
		const moved = await runHero(
			{
				resource,
				operation: 'rescheduleAppointment',
				appointmentId: id,
				startTime: '2026-12-03T11:00:00Z',
				additionalFields: { practitionerId: '401' },
			},
			{ fake },
		);
		expect(moved.json[0]).toEqual(
			expect.objectContaining({ start_time: '2026-12-03T11:00:00Z', status: 'confirmed' }),
		);
		const cancelled = await runHero(
			{
				resource,
				operation: 'cancelAppointment',
				appointmentId: id,
				additionalFields: { suppressCancellationPolicy: true },
			},
			{ fake },
		);
		expect(cancelled.json[0]).toEqual(
			expect.objectContaining({ status: 'cancelled', can_be_cancelled: false }),
		);
		expect(fake.requestsFor('cancelAppointment')[0].body).toEqual({
			suppress_cancellation_policy: true,
		});
	});

	it('Get Appointment is simplified to ten fields by default', async () => {
		const created = await reserve(firstSlot('502'));
		const run = await runHero(
			{ resource, operation: 'getAppointment', appointmentId: created.json[0].id },
			{ fake },
		);
		expect(Object.keys(run.json[0]).sort()).toEqual(
			[
				'id',
				'patient_id',
				'practitioner_id',
				'location_id',
				'appointment_type_id',
				'start_time',
				'duration',
				'booking_confirmed_at',
				'can_be_cancelled',
				'can_be_rescheduled',
			].sort(),
		);
	});

	it('editing a confirmed appointment is refused with a message that says what to do', async () => {
		const created = await reserve(firstSlot('501'));
		const id = created.json[0].id as string;
		await runHero({ resource, operation: 'bookAppointment', appointmentId: id }, { fake });
		const edit = await runHero(
			{
				resource,
				operation: 'editAppointment',
				appointmentId: id,
				startTime: '2026-12-02T10:00:00Z',
				duration: 10,
				practitionerId: byId('401'),
			},
			{ fake },
		);
		expect(edit.error?.httpCode).toBe('409');
		expect(edit.error?.message).toContain('Only unconfirmed appointments can be edited');
	});

	it('names the booking scope when the key lacks it', async () => {
		fake.inject({ operationId: 'getAppointment', status: 403 });
		const run = await runHero(
			{ resource, operation: 'getAppointment', appointmentId: '1' },
			{ fake },
		);
		expect(run.error?.description).toContain('"Booking" scope');
	});

	it('shows a notice on the inferred booking operations', () => {
		const notices = new HeroHealth().description.properties.filter(
			(p) =>
				p.type === 'notice' &&
				p.displayOptions?.show?.resource?.[0] === resource &&
				String(p.displayName).includes('was inferred'),
		);
		const shown = notices.map((p) => String(p.displayOptions?.show?.operation?.[0]));
		expect(shown.sort()).toEqual(['bookAppointment', 'rescheduleAppointment']);
	});
});

describe('date inputs', () => {
	const forms: Array<[string, unknown]> = [
		['ISO date', '2026-12-01'],
		['UK DD/MM/YYYY', '01/12/2026'],
		['ISO date-time in UTC', '2026-12-01T14:30:00Z'],
		[
			'luxon DateTime',
			"={{ DateTime.fromObject({ year: 2026, month: 12, day: 1, hour: 9 }, { zone: 'Europe/London' }) }}",
		],
		['JS Date', '={{ new Date(Date.UTC(2026, 11, 1, 12)) }}'],
		['epoch milliseconds', '={{ Date.UTC(2026, 11, 1, 12) }}'],
	];

	it.each(forms)('%s gives start_date=2026-12-01', async (_label, startDate) => {
		const run = await runHero(
			{ resource, operation: 'countSlots', filters: { startDate, endDate: '2026-12-31' } },
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(fake.requestsFor('countSlots')[0].query).toEqual({
			start_date: ['2026-12-01'],
			end_date: ['2026-12-31'],
		});
	});

	it('reads wall times without a zone as UK time, in winter and in summer', async () => {
		const slot = {
			appointment_type_id: '501',
			location_id: '301',
			practitioner_id: '401',
			duration: 10,
		};
		for (const [startTime, expected] of [
			['2026-12-01T09:00:00', '2026-12-01T09:00:00Z'],
			['01/06/2026 09:00', '2026-06-01T08:00:00Z'],
			['2026-06-01T09:00:00+01:00', '2026-06-01T08:00:00Z'],
		]) {
			await reserve({ ...slot, start_time: startTime }, { suppressAvailabilityCheck: true });
			expect(fake.requests.at(-1)?.body.start_time).toBe(expected);
		}
	});
});
