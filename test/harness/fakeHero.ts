// Starts a fake Hero for a test file and fails any test during which a request broke the
// bundled description.
import { forgetPacers } from '../../nodes/shared/transport';
import type { FakeHero, FakeHeroOptions } from '../../dev/fake-hero/server';
import { createFakeHero } from '../../dev/fake-hero/server';
import { findSecrets, secretsOf } from './secrets';

export function useFakeHero(options: FakeHeroOptions = {}): FakeHero {
	const fake = createFakeHero(options);
	beforeAll(async () => {
		await fake.start();
	});
	const secrets = new Set<string>();
	afterEach(() => {
		for (const secret of secretsOf(fake)) secrets.add(secret);
		const violations = [...fake.violations];
		fake.reset();
		// The pacer is shared per Hero key in a process; tests are independent practices.
		forgetPacers();
		expect(violations).toEqual([]);
	});
	afterAll(async () => {
		await fake.close();
		// Every file that talks to the fake Hero also scans what it produced for secrets.
		const found = findSecrets([...secrets]);
		if (found.length) throw new Error(`Secrets leaked: ${found.join('; ')}`);
	});
	return fake;
}
