import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Booking Link', () => {
	it('Create (patient-specific), Get and Update', async () => {
		const created = await runHero(
			{
				resource: 'bookingLink',
				operation: 'create',
				appointmentTypeId: rl('501'),
				locationId: rl('301'),
				additionalFields: {
					patientId: '20001',
					practitionerId: '401',
					fromDate: '01/12/2026',
					toDate: '2026-12-14',
					expiryDate: '2026-12-15',
					maximumUseCount: 1,
				},
			},
			{ fake },
		);
		expect(created.error).toBeUndefined();
		expect(fake.requestsFor('createBookingLink')[0].body).toEqual({
			appointment_type_id: '501',
			location_id: '301',
			patient_id: '20001',
			practitioner_id: '401',
			from_date: '2026-12-01',
			to_date: '2026-12-14',
			expiry_date: '2026-12-15',
			maximum_use_count: 1,
		});
		const id = created.json[0].id as string;
		expect(created.json[0].short_link).toMatch(/^https:\/\//);
		const got = await runHero(
			{ resource: 'bookingLink', operation: 'get', bookingLinkId: id },
			{ fake },
		);
		expect(got.json[0]).toEqual(expect.objectContaining({ id, number_of_uses: 0 }));
		const updated = await runHero(
			{
				resource: 'bookingLink',
				operation: 'update',
				bookingLinkId: id,
				additionalFields: { locationId: '302', toDate: '2026-12-20' },
			},
			{ fake },
		);
		expect(updated.error).toBeUndefined();
		expect(fake.requestsFor('updateBookingLink')[0].body).toEqual({
			location_id: '302',
			to_date: '2026-12-20',
		});
	});

	it('names the booking links scope when the key lacks it', async () => {
		fake.inject({ operationId: 'createBookingLink', status: 403 });
		const run = await runHero(
			{
				resource: 'bookingLink',
				operation: 'create',
				appointmentTypeId: rl('501'),
				locationId: rl('301'),
			},
			{ fake },
		);
		expect(run.error?.description).toContain('"Booking links" scope');
	});
});
