import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

describe('Prescription', () => {
	it('Create Pharmacy and Get Many Pharmacies', async () => {
		const created = await runHero(
			{
				resource: 'prescription',
				operation: 'createPharmacy',
				prescriberId: '802',
				name: 'High Street Pharmacy',
				email: 'pharmacy@example.com',
				mobile: '07700 900321',
			},
			{ fake },
		);
		expect(fake.requestsFor('createPharmacy')[0].body).toEqual({
			prescriber_id: '802',
			name: 'High Street Pharmacy',
			email: 'pharmacy@example.com',
			mobile: '+447700900321',
		});
		const list = await runHero(
			{
				resource: 'prescription',
				operation: 'listPharmacies',
				prescriberId: '802',
				returnAll: true,
			},
			{ fake },
		);
		expect(list.json.map((p) => p.id)).toEqual([created.json[0].id]);
	});
});
