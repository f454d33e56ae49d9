import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

describe('Task', () => {
	it('Update then Get', async () => {
		const update = await runHero(
			{
				resource: 'task',
				operation: 'update',
				taskId: '3001',
				additionalFields: {
					status: 'in_progress',
					priority: 'high',
					assigneeType: 'admin',
					assigneeId: '801',
				},
			},
			{ fake },
		);
		expect(update.json[0]).toEqual({ data: { id: '3001' } });
		const get = await runHero({ resource: 'task', operation: 'get', taskId: '3001' }, { fake });
		expect(get.json[0]).toEqual(expect.objectContaining({ status: 'in_progress' }));
	});
});
