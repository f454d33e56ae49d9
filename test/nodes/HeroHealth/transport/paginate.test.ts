import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const listAdmins = { resource: 'admin', operation: 'list' };

describe('pagination', () => {
	it('Return All walks every page (230 admins over 3 pages of 100)', async () => {
		const run = await runHero({ ...listAdmins, returnAll: true }, { fake });
		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(230);
		expect(new Set(run.json.map((a) => a.id)).size).toBe(230);
		expect(fake.requestsFor('listAdmins').map((r) => [r.query.page_index[0], r.query.page_size[0]])).toEqual([
			['0', '100'],
			['1', '100'],
			['2', '100'],
		]);
	});

	it('Limit stops at the limit, asking only for the pages it needs', async () => {
		const run = await runHero({ ...listAdmins, returnAll: false, limit: 120 }, { fake });
		expect(run.json).toHaveLength(120);
		expect(fake.received('listAdmins')).toBe(2);
		expect(run.json[119].id).toBe(fake.store.admins[119].id);
	});

	it('a small limit is one request of that size', async () => {
		const run = await runHero({ ...listAdmins, limit: 7 }, { fake });
		expect(run.json).toHaveLength(7);
		expect(fake.requestsFor('listAdmins').map((r) => r.query.page_size[0])).toEqual(['7']);
	});

	it('passes filters with the paging parameters', async () => {
		const run = await runHero({ ...listAdmins, limit: 3, filters: { orderBy: 'first_name', orderDescending: true } }, { fake });
		expect(run.error).toBeUndefined();
		expect(fake.requestsFor('listAdmins')[0].query).toEqual({
			order_by: ['first_name'],
			order_descending: ['true'],
			page_index: ['0'],
			page_size: ['3'],
		});
	});

	it('lists that Hero does not page return one item per record, cut at the limit', async () => {
		const all = await runHero({ resource: 'practiceGroup', operation: 'listPractitioners', returnAll: true }, { fake });
		expect(all.json).toHaveLength(4);
		const two = await runHero({ resource: 'practiceGroup', operation: 'listPractitioners', limit: 2 }, { fake });
		expect(two.json).toHaveLength(2);
	});
});
