import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const resource = 'patient';
const patientId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Patient', () => {
	it('Register via PDS by name, date of birth and postcode', async () => {
		const known = fake.store.patients.get('20005');
		const run = await runHero(
			{
				resource,
				operation: 'registerPds',
				identifyBy: 'demographics',
				forename: known.first_name,
				surname: known.last_name,
				dateOfBirth: known.dob,
				postcode: 'zz993zz',
			},
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toEqual(expect.objectContaining({ patient_id: '20005', registered: true }));
		expect(fake.requestsFor('registerPatientPds')[0].body).toEqual({
			forename: known.first_name,
			surname: known.last_name,
			dob: known.dob,
			postcode: 'ZZ99 3ZZ',
		});
	});

	it('Register with demographics, normalising mobile, NHS number and postcode', async () => {
		const run = await runHero(
			{
				resource,
				operation: 'register',
				firstName: 'Robin',
				lastName: 'Example',
				dateOfBirth: '31/01/1990',
				mobile: '+44 (0)7700 900456',
				additionalFields: {
					nhsNumber: '999-000-0034',
					email: 'robin@example.com',
					sex: 'Other',
					title: 'Mx',
					postcode: 'zz99 3zz',
					addressLine1: '2 Test Road',
				},
			},
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(fake.requestsFor('registerPatient')[0].body).toEqual({
			first_name: 'Robin',
			last_name: 'Example',
			dob: '1990-01-31',
			mobile: '+447700900456',
			nhs_number: '9990000034',
			email: 'robin@example.com',
			sex: 'Other',
			title: 'Mx',
			postcode: 'ZZ99 3ZZ',
			address_line_1: '2 Test Road',
		});
		const get = await runHero(
			{ resource, operation: 'get', patientId: patientId(run.json[0].patient_id as string) },
			{ fake },
		);
		expect(get.json[0]).toEqual(
			expect.objectContaining({ first_name: 'Robin', dob: '1990-01-31' }),
		);
	});

	it('Get (simplified and raw) and Get (V2) from the EHR', async () => {
		const simple = await runHero(
			{ resource, operation: 'get', patientId: patientId('20001') },
			{ fake },
		);
		// Ten short fields, and the safety fields every short form keeps.
		expect(
			Object.keys(simple.json[0]).filter((key) => !['deceased_at', 'restricted'].includes(key)),
		).toHaveLength(Math.min(10, Object.keys(simple.json[0]).length));
		const raw = await runHero(
			{ resource, operation: 'get', patientId: patientId('20001'), output: 'raw' },
			{ fake },
		);
		expect(raw.json[0]).toHaveProperty('address_line_1');
		const v2 = await runHero(
			{
				resource,
				operation: 'getV2',
				patientId: patientId('20001'),
				filters: { dataSource: 'ehr' },
				output: 'raw',
			},
			{ fake },
		);
		expect(v2.json[0]).toEqual(expect.objectContaining({ hero_id: '20001', identifiers: [] }));
		expect(fake.requestsFor('getPatientByIdV2')[0].query).toEqual({ data_source: ['ehr'] });
	});

	it('Get Many (v1) and Search (v3) with Return All across pages', async () => {
		const list = await runHero({ resource, operation: 'list', limit: 5 }, { fake });
		expect(list.json).toHaveLength(5);
		const search = await runHero(
			{ resource, operation: 'search', returnAll: true, filters: { lastName: 'Example' } },
			{ fake },
		);
		const examples = [...fake.store.patients.values()].filter(
			(p: { last_name: string }) => p.last_name === 'Example',
		);
		expect(search.json).toHaveLength(examples.length);
		const byNhs = await runHero(
			{
				resource,
				operation: 'search',
				returnAll: true,
				filters: { nhsNumber: '999 000 0018', dateOfBirth: '11/02/1951' },
			},
			{ fake },
		);
		expect(fake.requestsFor('listPatientsV3').at(-1)?.query).toEqual(
			expect.objectContaining({ nhs_number: ['9990000018'], dob: ['1951-02-11'] }),
		);
		expect(byNhs.error).toBeUndefined();
	});

	it('EHR candidates, connect, merge preview, merge and attachments', async () => {
		const candidates = await runHero(
			{ resource, operation: 'listEhrCandidates', patientId: patientId('20010'), returnAll: true },
			{ fake },
		);
		expect(candidates.json).toHaveLength(1);
		const connect = await runHero(
			{
				resource,
				operation: 'connectEhr',
				patientId: patientId('20010'),
				ehrPartnerId: 'EMIS-123',
			},
			{ fake },
		);
		expect(connect.json[0]).toEqual({ patient_id: '20010', ehr_partner_id: 'EMIS-123' });
		const preview = await runHero(
			{
				resource,
				operation: 'previewMerge',
				patientId: patientId('20010'),
				patientToMergeId: '20011',
			},
			{ fake },
		);
		expect(preview.json[0].merged_patient_id).toBe('20011');
		const merge = await runHero(
			{
				resource,
				operation: 'merge',
				patientId: patientId('20010'),
				additionalFields: { patientToMergeId: '20011', mergeToken: 'mt_test' },
			},
			{ fake },
		);
		expect(merge.json[0].merged).toBe(true);
		expect(fake.requestsFor('mergePatient')[0].body).toEqual({
			patient_id: '20011',
			merge_token: 'mt_test',
		});
		const attachments = await runHero(
			{ resource, operation: 'listAttachments', patientId: patientId('20010'), returnAll: true },
			{ fake },
		);
		expect(attachments.json[0]).toHaveProperty('file_name');
	});

	it('a patient Hero does not know is a clear 404', async () => {
		const run = await runHero({ resource, operation: 'get', patientId: patientId('1') }, { fake });
		expect(run.error?.message).toBe('[item 0] No patient with ID 1 was found');
	});
});
