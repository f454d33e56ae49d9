import type { Clock } from '../../../../nodes/shared/transport';
import { Pacer, sharedPacer } from '../../../../nodes/shared/transport';
import { CALM_RESET_MS } from '../../../../nodes/shared/transport/pacer';
import { loadOptionsContext } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

/** A clock that moves only when told to, or when the pacer sleeps. */
class FakeClock implements Clock {
	time = 1_800_000_000_000;

	slept: number[] = [];

	now(): number {
		return this.time;
	}

	async sleep(ms: number): Promise<void> {
		this.slept.push(ms);
		this.time += ms;
	}

	advance(ms: number): void {
		this.time += ms;
	}
}

/** `count` requests Hero accepted, evenly over `ms`. */
async function accepted(pacer: Pacer, clock: FakeClock, count: number, ms: number): Promise<void> {
	for (let i = 0; i < count; i++) {
		await pacer.wait();
		pacer.succeeded();
		clock.advance(ms / count);
	}
}

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
});

describe('the pacer learns from the rate Hero accepted (fake clock)', () => {
	it('the first 429 paces at the rate Hero accepted over the last second', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(clock);
		await accepted(pacer, clock, 40, 2000);
		pacer.rateLimited();
		expect(pacer.pace).toBeGreaterThan(18);
		expect(pacer.pace).toBeLessThanOrEqual(21);
	});

	it('one slow 429 with nothing accepted lately leaves the pace alone (no one-request-per-5-s crawl)', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(clock);
		await accepted(pacer, clock, 10, 1000);
		clock.advance(8000); // the next answer took eight seconds, and was a 429
		pacer.rateLimited();
		expect(pacer.pace).toBe(0);
		await pacer.wait();
		expect(clock.slept).toEqual([]);
	});

	it('traffic before a pause does not hold the pace down: the stream is measured from its start, its opening burst left out', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(clock);
		await accepted(pacer, clock, 5, 1000); // a few requests, then a pause
		clock.advance(500);
		await accepted(pacer, clock, 20, 10); // the opening burst of a bulk send
		await accepted(pacer, clock, 100, 500); // then 200 a second
		pacer.rateLimited();
		expect(pacer.pace).toBeGreaterThan(190);
		expect(pacer.pace).toBeLessThanOrEqual(205);
	});

	it('a 429 while paced sets the pace just under what Hero accepted', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(clock);
		await accepted(pacer, clock, 20, 10);
		pacer.rateLimited(); // an early guess, high: the burst
		const guess = pacer.pace;
		await accepted(pacer, clock, 200, 1000); // Hero takes 200 a second
		pacer.rateLimited();
		expect(guess).toBeGreaterThan(250);
		expect(pacer.pace).toBeGreaterThan(190);
		expect(pacer.pace).toBeLessThan(200);
	});

	it('requests are spaced at the pace learnt', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(clock);
		await accepted(pacer, clock, 20, 2000); // 10 a second
		pacer.rateLimited();
		const pace = pacer.pace;
		for (let i = 0; i < 5; i++) await pacer.wait();
		const gaps = clock.slept.slice(1);
		expect(gaps.length).toBeGreaterThanOrEqual(3);
		for (const gap of gaps) expect(gap).toBeCloseTo(1000 / pace, 0);
	});

	it('more 429s slow it further, never below one request a second', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(clock);
		await accepted(pacer, clock, 20, 2000);
		pacer.rateLimited();
		const first = pacer.pace;
		clock.advance(1000);
		pacer.rateLimited();
		expect(pacer.pace).toBeCloseTo(first * 0.9, 5);
		for (let i = 0; i < 100; i++) {
			clock.advance(300);
			pacer.rateLimited();
		}
		expect(pacer.pace).toBe(1);
	});

	it(`a learnt pace is forgotten ${CALM_RESET_MS / 1000} seconds after the last 429`, async () => {
		const clock = new FakeClock();
		const pacer = new Pacer(clock);
		await accepted(pacer, clock, 20, 2000);
		pacer.rateLimited();
		expect(pacer.pace).toBeGreaterThan(0);
		clock.advance(CALM_RESET_MS - 1);
		await pacer.wait();
		expect(pacer.pace).toBeGreaterThan(0);
		clock.advance(1);
		await pacer.wait();
		expect(pacer.pace).toBe(0);
	});
});
