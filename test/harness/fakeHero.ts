// Starts a fake Hero for a test file and fails any test during which a request broke the
// bundled description.
import type { FakeHero, FakeHeroOptions } from '../fake-hero/server';
import { createFakeHero } from '../fake-hero/server';

export function useFakeHero(options: FakeHeroOptions = {}): FakeHero {
	const fake = createFakeHero(options);
	beforeAll(async () => {
		await fake.start();
	});
	afterEach(() => {
		const violations = [...fake.violations];
		fake.reset();
		expect(violations).toEqual([]);
	});
	afterAll(async () => {
		await fake.close();
	});
	return fake;
}
