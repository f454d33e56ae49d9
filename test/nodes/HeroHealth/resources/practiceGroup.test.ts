import { byId, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const resource = 'practiceGroup';

describe('Practice Group', () => {
	it('Create Access Token returns a token for Hero Elements', async () => {
		const run = await runHero({ resource, operation: 'createAccessToken' }, { fake });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([{ access_token: expect.any(String) }]);
		expect(fake.requestsFor('createAccessToken')[0].method).toBe('POST');
	});

	it('Get Many Appointment Types filters by location and availability, simplified by default', async () => {
		const run = await runHero(
			{
				resource,
				operation: 'listAppointmentTypes',
				returnAll: true,
				filters: { locationIds: '303', hasAvailability: true },
			},
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			expect.objectContaining({ id: '503', name: 'Private physiotherapy', sector: 'paid' }),
		]);
		expect(Object.keys(run.json[0]).length).toBeLessThanOrEqual(10);
		expect(fake.requestsFor('listAppointmentTypes')[0].query).toEqual({
			location_ids: ['303'],
			has_availability: ['true'],
		});
	});

	it('Get Many Appointment Types gives raw records with Simplify off', async () => {
		const run = await runHero(
			{ resource, operation: 'listAppointmentTypes', returnAll: true, simplify: false },
			{ fake },
		);
		expect(run.json).toHaveLength(3);
		expect(run.json[0]).toHaveProperty('partner_slot_name');
	});

	it('Get Many Locations returns one item per location', async () => {
		const run = await runHero({ resource, operation: 'listLocations', returnAll: true }, { fake });
		expect(run.json.map((l) => l.name)).toEqual(['Main Surgery', 'Branch Clinic', 'PCN Hub']);
	});

	it('Get returns the practice group', async () => {
		const run = await runHero({ resource, operation: 'get' }, { fake });
		expect(run.json).toEqual([expect.objectContaining({ id: fake.practiceGroupId })]);
	});

	it('Update sends nested address and partner credentials, only the fields given', async () => {
		const run = await runHero(
			{
				resource,
				operation: 'update',
				additionalFields: {
					name: 'Riverside Surgery',
					town: 'Newtown',
					postcode: 'ZZ99 9ZZ',
					prescriptionPartnerEmail: 'rx@example.com',
					prescriptionPartnerPassword: 'partner-secret',
				},
			},
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(fake.requestsFor('updatePracticeGroup')[0].body).toEqual({
			name: 'Riverside Surgery',
			address: { town: 'Newtown', postcode: 'ZZ99 9ZZ' },
			prescription_partner_credentials: { email: 'rx@example.com', password: 'partner-secret' },
		});
		expect(run.json[0]).toEqual(expect.objectContaining({ name: 'Riverside Surgery' }));
	});

	it('Get Capabilities and Get Configuration', async () => {
		const capabilities = await runHero({ resource, operation: 'getCapabilities' }, { fake });
		expect(capabilities.json[0].capabilities).toContain('sms_messaging');
		const configuration = await runHero({ resource, operation: 'getConfiguration' }, { fake });
		expect(configuration.json[0]).toEqual(expect.objectContaining({ timezone: 'Europe/London' }));
	});

	it('Get Many Practitioners filters by location and appointment type', async () => {
		const run = await runHero(
			{
				resource,
				operation: 'listPractitioners',
				returnAll: true,
				filters: { locationIds: '301, 302', appointmentTypeIds: '502' },
			},
			{ fake },
		);
		expect(run.json.map((p) => p.id)).toEqual(['402']);
		expect(fake.requestsFor('listPractitioners')[0].query).toEqual({
			location_ids: ['301', '302'],
			appointment_type_ids: ['502'],
		});
	});

	it('Get Practitioner by ID', async () => {
		const run = await runHero(
			{ resource, operation: 'getPractitioner', practitionerId: byId('402') },
			{ fake },
		);
		expect(run.json).toEqual([expect.objectContaining({ id: '402', name: 'Sam Nurse' })]);
	});

	it('Get Practitioner picked from the list (resource locator list mode)', async () => {
		const run = await runHero(
			{
				resource,
				operation: 'getPractitioner',
				practitionerId: { __rl: true, mode: 'list', value: '403', cachedResultName: 'Jo Physio' },
			},
			{ fake },
		);
		expect(run.json[0].id).toBe('403');
	});
});
