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
		expect((await listSearch.searchPractitioners.call(context, 'nurse')).results).toEqual([
			{ name: 'Sam Nurse', value: '402' },
		]);
		expect((await listSearch.searchAppointmentTypes.call(context, 'physio')).results).toEqual([
			{ name: 'Private physiotherapy', value: '503' },
		]);
	});

	it('dropdown options come from the same lists, sorted by name', async () => {
		const context = loadOptionsContext(fake);
		expect((await loadOptions.getLocations.call(context)).map((o) => o.name)).toEqual([
			'Branch Clinic',
			'Main Surgery',
			'PCN Hub',
		]);
		expect((await loadOptions.getTemplates.call(context)).map((o) => o.value)).toEqual([
			'601',
			'603',
			'602',
		]);
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

describe('lists narrow each other where Hero allows', () => {
	const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
	const names = (result: { results: Array<{ name: string }> }) => result.results.map((r) => r.name);

	it('Get Many Slots: a picked location narrows appointment types and practitioners; a type narrows practitioners', async () => {
		const slots = { resource: 'booking', operation: 'listSlots' };
		const atHub = loadOptionsContext(fake, { ...slots, filters: { locationId: fromList('303') } });
		expect(names(await listSearch.searchAppointmentTypes.call(atHub))).toEqual([
			'Private physiotherapy',
		]);
		expect(names(await listSearch.searchPractitioners.call(atHub))).toEqual([
			'Chris Pharmacist',
			'Jo Physio',
		]);
		expect(fake.requestsFor('listPractitioners')[0].query).toEqual({ location_ids: ['303'] });

		const nurseVisit = loadOptionsContext(fake, {
			...slots,
			filters: {
				locationId: { __rl: true, mode: 'id', value: '301' },
				appointmentTypeId: fromList('502'),
			},
		});
		await listSearch.searchPractitioners.call(nurseVisit);
		expect(fake.requestsFor('listPractitioners')[1].query).toEqual({
			location_ids: ['301'],
			appointment_type_ids: ['502'],
		});
	});

	it('Booking Link > Create narrows by its additional fields; version 2 dropdowns narrow too', async () => {
		const create = loadOptionsContext(fake, {
			resource: 'bookingLink',
			operation: 'create',
			additionalFields: { locationId: fromList('302') },
		});
		expect(names(await listSearch.searchAppointmentTypes.call(create))).toEqual([
			'GP consultation',
		]);
		const v2 = loadOptionsContext(fake, {
			resource: 'booking',
			operation: 'listSlots',
			filters: { locationId: '302' },
		});
		expect((await loadOptions.getPractitioners.call(v2)).map((o) => o.name)).toEqual([
			'Dr Alex Doctor',
		]);
	});

	it('nothing picked, an empty pick or an expression: the whole list', async () => {
		for (const locationId of [undefined, fromList(''), fromList('={{ $json.location }}'), '']) {
			const context = loadOptionsContext(fake, {
				resource: 'booking',
				operation: 'listSlots',
				filters: { locationId },
			});
			expect(await listSearch.searchAppointmentTypes.call(context)).toHaveProperty(
				'results.length',
				3,
			);
		}
		expect(
			fake.requestsFor('listAppointmentTypes').every((r) => Object.keys(r.query).length === 0),
		).toBe(true);
	});
});

describe('lists that Hero pages', () => {
	it('the patient search asks for a filter first: nothing is sent without one', async () => {
		const context = loadOptionsContext(fake);
		expect(await listSearch.searchPatients.call(context, '  ')).toEqual({ results: [] });
		expect(fake.requests).toHaveLength(0);
		const { HeroHealth } = jest.requireActual('../../../../nodes/HeroHealth/HeroHealth.node');
		const patient = new HeroHealth().description.properties.find(
			(p: { name: string; type: string }) => p.name === 'patientId' && p.type === 'resourceLocator',
		);
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
		expect(fake.requestsFor('listBatchMessages')[0].query).toEqual({
			page_index: ['0'],
			page_size: ['100'],
		});
		expect(result.paginationToken).toBeUndefined();
	});
});

describe('episodes and slots are picked from lists too (node version 3)', () => {
	it('episodes by patient, first task and status, a page of 100 at a time', async () => {
		const first = await listSearch.searchEpisodes.call(loadOptionsContext(fake));
		expect(first.results).toHaveLength(100);
		expect(first.results[0].name).toMatch(
			/^[A-Z][a-z]+ [A-Z][a-z]+, Medication review, (open|in_progress|closed) \(#\d+\)$/,
		);
		expect(first.paginationToken).toBe('1');
		const narrowed = await listSearch.searchEpisodes.call(loadOptionsContext(fake), '#1001');
		expect(narrowed.results.map((r) => r.value)).toEqual(['1001']);
	});

	it('slots soonest first, by their UK start time', async () => {
		const { results } = await listSearch.searchSlots.call(loadOptionsContext(fake));
		expect(results.length).toBeGreaterThan(10);
		const starts = results.map(
			(r) => fake.store.slots.find((slot: { id: string }) => slot.id === r.value).start_time,
		);
		expect([...starts].sort()).toEqual(starts);
		expect(results[0].name).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d, \d+ min \(#\d+\)$/);
	});
});

describe('lists are read for the practice the node acts for', () => {
	const OTHER = '4243'; // a practice in the fake Hero's network, as a PCN hub sees it
	const practicesAsked = () => [
		...new Set(fake.requests.map((r) => String(r.headers['x-practice-group-id']))),
	];

	it('every list search and dropdown carries Request Options > Practice Group ID when it is set', async () => {
		const context = loadOptionsContext(fake, { requestOptions: { practiceGroupId: OTHER } });
		for (const [name, search] of Object.entries(listSearch)) {
			await (search as (this: unknown, filter?: string) => Promise<unknown>).call(
				context,
				name === 'searchPatients' ? 'Example' : undefined,
			);
		}
		for (const load of Object.values(loadOptions)) {
			await (load as (this: unknown) => Promise<unknown>).call(context);
		}
		expect(fake.requests.length).toBeGreaterThanOrEqual(
			Object.keys(listSearch).length + Object.keys(loadOptions).length,
		);
		expect(practicesAsked()).toEqual([OTHER]);
	});

	it("without the option, lists are the credential's practice", async () => {
		await listSearch.searchLocations.call(loadOptionsContext(fake));
		expect(practicesAsked()).toEqual([fake.practiceGroupId]);
	});

	it('a Practice Group ID that is not a number stops the list with an error naming the option', async () => {
		const context = loadOptionsContext(fake, { requestOptions: { practiceGroupId: 'hub' } });
		await expect(listSearch.searchLocations.call(context)).rejects.toThrow(
			'Request Options > Practice Group ID: must be a numeric Hero ID such as 12345',
		);
		expect(fake.requests).toEqual([]);
	});

	it('an expression there cannot be known while editing: the list says so rather than show another practice', async () => {
		const context = loadOptionsContext(fake, {
			requestOptions: { practiceGroupId: '={{ $json.practice }}' },
		});
		await expect(listSearch.searchPractitioners.call(context)).rejects.toThrow(
			'Lists cannot follow an expression in Request Options > Practice Group ID',
		);
		expect(fake.requests).toEqual([]);
	});
});
