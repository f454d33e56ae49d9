import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

describe('Subscription', () => {
	it('Get Many with filters and ordering', async () => {
		const run = await runHero(
			{
				resource: 'subscription',
				operation: 'list',
				returnAll: true,
				filters: {
					status: 'active',
					schemeName: 'Physio plan',
					orderByField: 'created_at',
					orderDescending: false,
				},
			},
			{ fake },
		);
		expect(run.json).toHaveLength(3);
		expect(fake.requestsFor('listSubscriptions')[0].query).toEqual(
			expect.objectContaining({
				'order_by[]': ['created_at'],
				'order_descending[]': ['false'],
				status: ['active'],
			}),
		);
	});
});
