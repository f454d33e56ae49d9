// The runtime's checks across fields, before anything is sent.
import type { IDataObject } from 'n8n-workflow';

import { needsAChange } from '../../../../nodes/HeroHealth/model';
import { RESOURCES } from '../../../../nodes/HeroHealth/resources';
import { byId, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

/** Each update whose fields are all optional, with only what identifies the record set. */
const UPDATES: Array<[string, IDataObject, string, string[]]> = [
	[
		'Admin > Update',
		{ resource: 'admin', operation: 'update', adminId: byId('801') },
		'updateAdmin',
		['Email'],
	],
	[
		'Booking Link > Update',
		{ resource: 'bookingLink', operation: 'update', bookingLinkId: '7001' },
		'updateBookingLink',
		['Location', 'From Date'],
	],
	[
		'Episode > Update',
		{ resource: 'episode', operation: 'update', episodeId: byId('5001') },
		'updateEpisode',
		['Status'],
	],
	[
		'Practice Group > Update',
		{ resource: 'practiceGroup', operation: 'update' },
		'updateMe',
		['Name'],
	],
	[
		'Task > Update',
		{ resource: 'task', operation: 'update', taskId: '3001' },
		'updateTask',
		['Status'],
	],
];

describe('an update with nothing to change', () => {
	it('the updates checked are every operation that changes a record from optional fields only', () => {
		const needing = RESOURCES.flatMap((resource) =>
			resource.operations
				.filter(needsAChange)
				.map((operation) => `${resource.value}.${operation.value}`),
		);
		expect(needing.sort()).toEqual(
			UPDATES.map(([, parameters]) => `${parameters.resource}.${parameters.operation}`).sort(),
		);
	});

	it.each(UPDATES)(
		'%s with no field set is refused before sending, saying which fields it takes',
		async (_label, parameters, operationId, named) => {
			const run = await runHero({ ...parameters, additionalFields: {} }, { fake });
			expect(run.error?.message).toMatch(
				/^\[item 0\] Additional Fields: nothing to update: add at least one of /,
			);
			for (const name of [...named, 'Extra Body Fields'])
				expect(run.error?.message).toContain(name);
			expect(fake.received(operationId)).toBe(0);
		},
	);

	it.each(UPDATES)(
		'%s with only an empty Extra Body Fields is refused too',
		async (_label, parameters, operationId) => {
			const run = await runHero(
				{ ...parameters, additionalFields: { extraBodyFields: '{}' } },
				{ fake },
			);
			expect(run.error?.message).toContain('nothing to update');
			expect(fake.received(operationId)).toBe(0);
		},
	);

	it('with Continue On Fail the empty item fails alone and the others are sent', async () => {
		const run = await runHero(
			{
				resource: 'task',
				operation: 'update',
				taskId: '3001',
				additionalFields: { status: '={{ $json.status }}' },
			},
			{
				fake,
				continueOnFail: true,
				items: [{ status: 'in_progress' }, { status: '' }, { status: 'closed' }],
			},
		);
		expect(run.json.map((item) => (item.error ? 'refused' : 'sent'))).toEqual([
			'sent',
			'refused',
			'sent',
		]);
		expect(fake.received('updateTask')).toBe(2);
	});

	it('Cancel an Appointment, which Hero takes with no body, is still sent with none', async () => {
		fake.store.appointments.set('1', {
			id: '1',
			patient_id: '20001',
			status: 'booked',
			start_time: '2026-12-01T09:00:00Z',
		});
		const run = await runHero(
			{ resource: 'booking', operation: 'cancelAppointment', appointmentId: '1' },
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(fake.received('cancelAppointment')).toBe(1);
	});
});
