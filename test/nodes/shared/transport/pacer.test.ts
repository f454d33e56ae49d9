import { Pacer, sharedPacer } from '../../../../nodes/shared/transport';
import { loadOptionsContext } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

describe('one pacer per Hero key in a process', () => {
	it('executions with the same base URL, practice group and key share a pacer; any difference gets its own', async () => {
		const first = await sharedPacer(loadOptionsContext(fake));
		expect(await sharedPacer(loadOptionsContext(fake))).toBe(first);
		expect(
			await sharedPacer(loadOptionsContext(fake, {}, { apiKey: 'another-test-key' })),
		).not.toBe(first);
		expect(await sharedPacer(loadOptionsContext(fake, {}, { practiceGroupId: '67890' }))).not.toBe(
			first,
		);
	});

	it('a pacer forgets the pace it learnt after 30 seconds without a 429', async () => {
		const now = jest.spyOn(Date, 'now');
		try {
			let clock = 1_800_000_000_000;
			now.mockImplementation(() => clock);
			const pacer = new Pacer();
			for (let i = 0; i < 20; i++) await pacer.wait();
			pacer.rateLimited();
			const paced = (pacer as unknown as { rate: number }).rate;
			expect(paced).toBeGreaterThan(0);
			clock += 31_000;
			await pacer.wait();
			expect((pacer as unknown as { rate: number }).rate).toBe(0);
		} finally {
			now.mockRestore();
		}
	});
});
