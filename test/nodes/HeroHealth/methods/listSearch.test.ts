import { listSearch, loadOptions } from '../../../../nodes/HeroHealth/methods/listSearch';
import { loadOptionsContext } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

describe('resource locators and dropdowns', () => {
	it('lists locations, practitioners and appointment types by name, filtered by what is typed', async () => {
		const context = loadOptionsContext(fake);
		expect((await listSearch.searchLocations.call(context)).results).toEqual([
			{ name: 'Branch Clinic', value: '302' },
			{ name: 'Main Surgery', value: '301' },
			{ name: 'PCN Hub', value: '303' },
		]);
		expect((await listSearch.searchPractitioners.call(context, 'nurse')).results).toEqual([{ name: 'Sam Nurse', value: '402' }]);
		expect((await listSearch.searchAppointmentTypes.call(context, 'physio')).results).toEqual([
			{ name: 'Private physiotherapy', value: '503' },
		]);
	});

	it('dropdown options come from the same lists, sorted by name', async () => {
		const context = loadOptionsContext(fake);
		expect((await loadOptions.getLocations.call(context)).map((o) => o.name)).toEqual(['Branch Clinic', 'Main Surgery', 'PCN Hub']);
		expect((await loadOptions.getTemplates.call(context)).map((o) => o.value)).toEqual(['601', '603', '602']);
	});

	it('searches patients on Hero by NHS number or by name, page by page', async () => {
		const context = loadOptionsContext(fake);
		const byNhs = await listSearch.searchPatients.call(context, '999 000 0018');
		expect(byNhs.results).toEqual([{ name: expect.stringContaining('(born'), value: '20001' }]);
		expect(fake.requestsFor('listPatientsV3')[0].query.nhs_number).toEqual(['9990000018']);
		const byName = await listSearch.searchPatients.call(context, 'Example');
		expect(byName.results.length).toBe(40);
		expect(byName.paginationToken).toBeUndefined();
	});
});

describe('lists that Hero pages', () => {
	it('the patient search asks for a filter first: nothing is sent without one', async () => {
		const context = loadOptionsContext(fake);
		expect(await listSearch.searchPatients.call(context, '  ')).toEqual({ results: [] });
		expect(fake.requests).toHaveLength(0);
		const { HeroHealth } = jest.requireActual('../../../../nodes/HeroHealth/HeroHealth.node');
		const patient = new HeroHealth().description.properties.find((p: { name: string; type: string }) => p.name === 'patientId' && p.type === 'resourceLocator');
		expect(patient.modes[0].typeOptions.searchFilterRequired).toBe(true);
	});

	it('the admin search pages past 100 as the list scrolls', async () => {
		const context = loadOptionsContext(fake);
		const first = await listSearch.searchAdmins.call(context);
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('1');
		const second = await listSearch.searchAdmins.call(context, undefined, first.paginationToken);
		const third = await listSearch.searchAdmins.call(context, undefined, second.paginationToken);
		expect(third.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results, ...third.results].map((r) => r.value);
		expect(new Set(all).size).toBe(fake.store.admins.length);
	});

	it('the admin dropdown holds every admin, not the first 100', async () => {
		const options = await loadOptions.getAdmins.call(loadOptionsContext(fake));
		expect(options).toHaveLength(fake.store.admins.length);
		expect(fake.store.admins.length).toBeGreaterThan(200);
	});
});

describe('batch messages', () => {
	it('the batch message search pages too', async () => {
		const result = await listSearch.searchBatchMessages.call(loadOptionsContext(fake));
		expect(fake.requestsFor('listBatchMessages')[0].query).toEqual({ page_index: ['0'], page_size: ['100'] });
		expect(result.paginationToken).toBeUndefined();
	});
});
