import { byId, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const resource = 'practiceGroup';

describe('Practice Group', () => {
	it('gets the practice group', async () => {
		const run = await runHero({ resource, operation: 'get' }, { fake });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([expect.objectContaining({ id: fake.practiceGroupId, name: 'Riverside Test Surgery' })]);
		const [request] = fake.requestsFor('getPracticeGroupById');
		expect(request.headers['x-api-key']).toBe(fake.apiKey);
		expect(request.headers['x-practice-group-id']).toBe(fake.practiceGroupId);
	});

	it('gets a practitioner by ID', async () => {
		const run = await runHero({ resource, operation: 'getPractitioner', practitionerId: byId('402') }, { fake });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([expect.objectContaining({ id: '402', name: 'Sam Nurse' })]);
	});
});
