import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

describe('Admin', () => {
	it('Get Many sorts and pages', async () => {
		const run = await runHero(
			{ resource: 'admin', operation: 'list', limit: 3, filters: { orderBy: 'first_name' } },
			{ fake },
		);
		expect(run.json).toHaveLength(3);
		expect(run.json[0]).toEqual(expect.objectContaining({ first_name: 'Alex' }));
	});

	it('Update sets the prescriber details', async () => {
		const run = await runHero(
			{
				resource: 'admin',
				operation: 'update',
				adminId: { __rl: true, mode: 'list', value: '801' },
				additionalFields: {
					externalPrescriberId: 'RX-1',
					prescriberName: 'Dr Test',
					prescriberEmail: 'rx@nhs.net',
					prescriberRegistrationCode: 'GMC7000001',
				},
			},
			{ fake },
		);
		expect(run.json).toEqual([{ admin_id: '801' }]);
		expect(fake.requestsFor('updateAdmin')[0].body).toEqual({
			external_prescriber_id: 'RX-1',
			prescriber_details: { name: 'Dr Test', email: 'rx@nhs.net', registration_code: 'GMC7000001' },
		});
	});
});
