import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { heroRequestPages } from '../../../../nodes/shared/transport';
import {
	heroCredentials,
	registerNodeType,
	runChain,
	runHero,
	testNodeType,
} from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
// Exactly two full pages, so only the reported count can say there is no third.
const twoPages = useFakeHero({ seed: { admins: 200 } });
const listAdmins = { resource: 'admin', operation: 'list' };

// A minimal node that walks admins with a small page and a low page guard: the guard's error
// without a million records.
registerNodeType(
	'test.pageGuard',
	testNodeType(
		'Page Guard',
		{
			description: 'Walks admins with a low page guard',
			credentials: [{ name: 'heroHealthApi', required: true }],
		},
		async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const records = await heroRequestPages.call(
				this,
				{ method: 'GET', path: '/v1/admins' },
				{ itemIndex: 0 },
				{ pageSize: 10, maxPages: 3 },
			);
			return [records.map((json) => ({ json }))];
		},
	),
);

describe('pagination', () => {
	it('Return All walks every page (230 admins over 3 pages of 100)', async () => {
		const run = await runHero({ ...listAdmins, returnAll: true }, { fake });
		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(230);
		expect(new Set(run.json.map((a) => a.id)).size).toBe(230);
		expect(
			fake.requestsFor('listAdmins').map((r) => [r.query.page_index[0], r.query.page_size[0]]),
		).toEqual([
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
		const run = await runHero(
			{ ...listAdmins, limit: 3, filters: { orderBy: 'first_name', orderDescending: true } },
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(fake.requestsFor('listAdmins')[0].query).toEqual({
			order_by: ['first_name'],
			order_descending: ['true'],
			page_index: ['0'],
			page_size: ['3'],
		});
	});

	it('stops on the reported count, without asking for an empty page', async () => {
		const run = await runHero({ ...listAdmins, returnAll: true }, { fake: twoPages });
		expect(run.json).toHaveLength(200);
		expect(twoPages.requestsFor('listAdmins').map((r) => r.query.page_index[0])).toEqual([
			'0',
			'1',
		]);
	});

	it('stops on a short page when Hero reports no count', async () => {
		fake.inject({
			operationId: 'listAdmins',
			status: 200,
			body: { data: fake.store.admins.slice(0, 100), count: null },
		});
		fake.inject({
			operationId: 'listAdmins',
			status: 200,
			body: { data: fake.store.admins.slice(100, 130), count: null },
		});
		const run = await runHero({ ...listAdmins, returnAll: true }, { fake });
		expect(run.json).toHaveLength(130);
		expect(fake.received('listAdmins')).toBe(2);
	});

	/** Hero's answers to the next requests for the admin list, in order. */
	const pages = (...bodies: object[]) => {
		for (const body of bodies) fake.inject({ operationId: 'listAdmins', status: 200, body });
	};
	const admins = (from: number, to: number) => fake.store.admins.slice(from, to);

	it('a page repeating the one before (Hero ignoring page_index) fails the item: a partial list would look whole', async () => {
		fake.inject({
			operationId: 'listAdmins',
			status: 200,
			body: { data: admins(0, 100) },
			times: 50,
		});
		const run = await runHero({ ...listAdmins, returnAll: true }, { fake });
		expect(run.error?.message).toBe(
			'[item 0] Hero sent the same page twice: page 2 repeats page 1',
		);
		expect(run.error?.description).toContain('Nothing was output for this item');
		expect(fake.received('listAdmins')).toBe(2);
	});

	it('alternating pages (A, B, A) fail at the first repeat', async () => {
		pages({ data: admins(0, 100) }, { data: admins(100, 200) }, { data: admins(0, 100) });
		const run = await runHero({ ...listAdmins, returnAll: true }, { fake });
		expect(run.error?.message).toBe(
			'[item 0] Hero sent the same page twice: page 3 repeats page 1',
		);
		expect(fake.received('listAdmins')).toBe(3);
	});

	it('a page repeated after five others fails too, naming both pages', async () => {
		fake.store.admins = Array.from({ length: 700 }, (_, i) => ({
			id: String(9000 + i),
			first_name: `Admin ${i}`,
		}));
		const distinct = Array.from({ length: 6 }, (_, page) => ({
			data: admins(page * 100, page * 100 + 100),
		}));
		pages(...distinct, distinct[1]);
		const run = await runHero({ ...listAdmins, returnAll: true }, { fake });
		expect(run.error?.message).toBe(
			'[item 0] Hero sent the same page twice: page 7 repeats page 2',
		);
		expect(fake.received('listAdmins')).toBe(7);
	});

	it('pages capped below the page size are followed while the count says more exist', async () => {
		pages(
			{ data: admins(0, 50), count: 230 },
			{ data: admins(50, 100), count: 230 },
			{ data: admins(100, 150), count: 230 },
			{ data: admins(150, 200), count: 230 },
			{ data: admins(200, 230), count: 230 },
		);
		const run = await runHero({ ...listAdmins, returnAll: true }, { fake });
		expect(run.error).toBeUndefined();
		expect(run.json.map((a) => a.id)).toEqual(admins(0, 230).map((a: { id: string }) => a.id));
		expect(fake.received('listAdmins')).toBe(5);
	});

	it('capped pages that end before the count fail, saying how many were expected and received', async () => {
		pages(
			{ data: admins(0, 50), count: 230 },
			{ data: admins(100, 150), count: 230 },
			{ data: [], count: 230 },
		);
		const run = await runHero({ ...listAdmins, returnAll: true }, { fake });
		expect(run.error?.message).toBe(
			"[item 0] Hero's list ended early: it reported 230 records but sent 100",
		);
		expect(run.json).toEqual([]);
	});

	it('a total reported as "total" counts as well as "count"', async () => {
		pages({ data: admins(0, 100), total: 300 }, { data: [], total: 300 });
		const run = await runHero({ ...listAdmins, returnAll: true }, { fake });
		expect(run.error?.message).toBe(
			"[item 0] Hero's list ended early: it reported 300 records but sent 100",
		);
	});

	it('a Limit Hero could fill by its count, but did not, fails the same way', async () => {
		pages({ data: admins(0, 100), count: 230 }, { data: [], count: 230 });
		const run = await runHero({ ...listAdmins, limit: 150 }, { fake });
		expect(run.error?.message).toBe(
			"[item 0] Hero's list ended early: it reported 230 records but sent 100",
		);
	});

	it("with Continue On Fail, the short list is that item's error and other items still list", async () => {
		pages({ data: admins(0, 100), count: 230 }, { data: [], count: 230 });
		const run = await runHero(
			{ ...listAdmins, limit: 150, requestOptions: { concurrency: 1 } },
			{ fake, continueOnFail: true, items: [{}, {}] },
		);
		expect(run.json[0].error).toContain("Hero's list ended early");
		expect(run.json).toHaveLength(151);
	});

	it('ends a list that never ends at the page guard, with an error that says what to do', async () => {
		const run = await runChain([{ name: 'Page Guard', type: 'test.pageGuard' }], {
			credentials: heroCredentials(fake),
		});
		expect(run.error?.message).toBe(
			'[item 0] Hero kept sending pages: stopped after 3 pages of 10',
		);
		expect(run.error?.description).toContain('Turn off Return All and set a Limit');
		expect(fake.received('listAdmins')).toBe(3);
	});

	it('lists that Hero does not page return one item per record, cut at the limit', async () => {
		const all = await runHero(
			{ resource: 'practiceGroup', operation: 'listPractitioners', returnAll: true },
			{ fake },
		);
		expect(all.json).toHaveLength(4);
		const two = await runHero(
			{ resource: 'practiceGroup', operation: 'listPractitioners', limit: 2 },
			{ fake },
		);
		expect(two.json).toHaveLength(2);
	});
});

describe('a list Hero sends in one answer', () => {
	const practitioners = { resource: 'practiceGroup', operation: 'listPractitioners' };

	it('with fewer records than its count, fails rather than pass as the whole list', async () => {
		fake.inject({
			operationId: 'listPractitioners',
			status: 200,
			body: { data: fake.store.practitioners.slice(0, 2), count: 4 },
		});
		const run = await runHero({ ...practitioners, returnAll: true }, { fake });
		expect(run.error?.message).toBe(
			"[item 0] Hero's list ended early: it reported 4 records but sent 2",
		);
	});

	it('a Limit it meets is not short', async () => {
		fake.inject({
			operationId: 'listPractitioners',
			status: 200,
			body: { data: fake.store.practitioners.slice(0, 2), count: 4 },
		});
		const run = await runHero({ ...practitioners, limit: 2 }, { fake });
		expect(run.json).toHaveLength(2);
	});
});
