import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const resource = 'episode';

describe('Episode', () => {
	it('Get Many filters with Hero’s array parameters and pages', async () => {
		const run = await runHero(
			{
				resource,
				operation: 'list',
				returnAll: true,
				filters: {
					statuses: ['open', 'in_progress'],
					priorities: ['high'],
					assigneeIds: '801, 802',
					assigneeTypes: ['Admin'],
					orderByFields: ['created_at'],
					orderDescending: true,
				},
			},
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(fake.requestsFor('listEpisodes')[0].query).toEqual({
			'status[]': ['open', 'in_progress'],
			'priority[]': ['high'],
			'assignee_id[]': ['801', '802'],
			'assignee_type[]': ['Admin'],
			'order_by[]': ['created_at'],
			'order_descending[]': ['true'],
			page_index: ['0'],
			page_size: ['100'],
		});
		expect(run.json.every((e) => ['open', 'in_progress'].includes(e.status as string))).toBe(true);
	});

	it('Get, Update, Create Note, and the v2 reads', async () => {
		const get = await runHero({ resource, operation: 'get', episodeId: '1001' }, { fake });
		expect(get.json[0].id).toBe('1001');
		const update = await runHero(
			{
				resource,
				operation: 'update',
				episodeId: '1001',
				additionalFields: {
					status: 'closed',
					priority: 'low',
					assignees: '[{"type":"Admin","id":"801"}]',
				},
			},
			{ fake },
		);
		expect(update.json[0]).toEqual(expect.objectContaining({ status: 'closed', priority: 'low' }));
		expect(fake.requestsFor('updateEpisode')[0].body.assignees).toEqual([
			{ type: 'Admin', id: '801' },
		]);
		const note = await runHero(
			{ resource, operation: 'createNote', noteEpisodeId: '1001', note: 'Called patient' },
			{ fake },
		);
		expect(note.json[0]).toEqual(expect.objectContaining({ description: 'Called patient' }));
		const listV2 = await runHero({ resource, operation: 'listV2', limit: 5 }, { fake });
		expect(listV2.json).toHaveLength(5);
		const getV2 = await runHero({ resource, operation: 'getV2', episodeId: '1002' }, { fake });
		expect(getV2.json[0].id).toBe('1002');
	});
});
