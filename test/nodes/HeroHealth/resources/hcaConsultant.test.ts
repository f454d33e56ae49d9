import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

describe('HCA Consultant', () => {
	it('Search, Get and Get Availability', async () => {
		const search = await runHero(
			{
				resource: 'hcaConsultant',
				operation: 'search',
				returnAll: true,
				filters: { search: 'cardiology', fields: 'first_name, last_name' },
			},
			{ fake },
		);
		expect(search.json[0]).toEqual(expect.objectContaining({ gmc_number: '7000001' }));
		expect(fake.requestsFor('searchHcaConsultants')[0].query).toEqual({
			search: ['cardiology'],
			fields: ['first_name', 'last_name'],
		});
		const get = await runHero(
			{ resource: 'hcaConsultant', operation: 'get', gmcNumber: '7000001' },
			{ fake },
		);
		expect(get.json[0].gmc_number).toBe('7000001');
		const availability = await runHero(
			{ resource: 'hcaConsultant', operation: 'getAvailability', crmId: 'crm-1' },
			{ fake },
		);
		expect(availability.json[0].availability).toHaveLength(1);
	});

	it('refuses a key that would change the path', async () => {
		const run = await runHero(
			{ resource: 'hcaConsultant', operation: 'get', gmcNumber: '7000001/../../admins' },
			{ fake },
		);
		expect(run.error?.message).toBe(
			'[item 0] GMC Number: may contain only letters, digits, hyphens and underscores',
		);
		expect(fake.requests).toHaveLength(0);
	});
});
