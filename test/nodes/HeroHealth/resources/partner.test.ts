import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

describe('Partner', () => {
	it('Get Heidi Token', async () => {
		const run = await runHero({ resource: 'partner', operation: 'getHeidiToken' }, { fake });
		expect(run.json[0]).toEqual({ token: expect.any(String), expiration_time: expect.any(String) });
	});
});
