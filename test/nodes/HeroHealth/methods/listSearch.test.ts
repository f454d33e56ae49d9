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
