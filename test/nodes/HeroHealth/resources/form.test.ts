import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

describe('Form', () => {
	it('Get Many, Get and Get Response', async () => {
		const list = await runHero(
			{
				resource: 'form',
				operation: 'list',
				returnAll: true,
				filters: { search: 'asthma', formType: 'questionnaire', replyForm: false },
			},
			{ fake },
		);
		expect(list.json.map((f) => f.id)).toEqual(['701']);
		const get = await runHero(
			{ resource: 'form', operation: 'get', formId: { __rl: true, mode: 'list', value: '702' } },
			{ fake },
		);
		expect(get.json[0].fields).toHaveLength(2);
		const response = await runHero(
			{ resource: 'form', operation: 'getResponse', formResponseId: '7101' },
			{ fake },
		);
		expect(response.json[0]).toEqual(expect.objectContaining({ form_id: 701 }));
	});
});
