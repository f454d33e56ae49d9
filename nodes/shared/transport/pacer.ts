import { sleep } from 'n8n-workflow';

/** After this long without a 429 a pacer forgets the pace it learnt: Hero's load changes. */
export const CALM_RESET_MS = 5_000;
/** Accepted requests are counted over this window to learn Hero's rate. */
const ACCEPTED_WINDOW_MS = 2_000;
/** The slowest pace a pacer sets: one request a second. */
const MIN_RATE = 1;

/** Time as the pacer sees it; tests give it a clock of their own. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: Clock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

/**
 * Keeps requests under Hero's rate limit, shared by every item of every execution using the
 * same Hero key in this process (see sharedPacer). Unpaced until the first 429; then it paces at
 * the rate Hero accepted over the last two seconds (what got through is the best measure of the
 * limit; one slow answer is not). Each further 429 slows the pace by 10% (30% while 429s keep
 * coming; at most every 250 ms, since requests already in flight answer 429 too) and each
 * success speeds it up by 0.05%, so it settles just under Hero's limit. Five seconds without a
 * 429 and it is unpaced again. Without this, each limited item sleeps out Retry-After while the
 * others keep hitting the limit.
 */
export class Pacer {
	private rate = 0;

	private next = 0;

	private lastDecrease = -Infinity;

	private lastLimited = -Infinity;

	private readonly accepted: number[] = [];

	constructor(private readonly clock: Clock = REAL_CLOCK) {}

	/** Requests a second it paces at; 0 when unpaced. */
	get pace(): number {
		return this.rate;
	}

	/** Waits for this request's turn. */
	async wait(): Promise<void> {
		const now = this.clock.now();
		if (this.rate > 0 && now - this.lastLimited >= CALM_RESET_MS) this.rate = 0;
		if (this.rate === 0) return;
		const at = Math.max(now, this.next);
		this.next = at + 1000 / this.rate;
		if (at > now) await this.clock.sleep(at - now);
	}

	/** Hero accepted a request (any answer but 429). */
	succeeded(): void {
		this.accepted.push(this.clock.now());
		// Keep it short without shifting on every request.
		if (this.accepted.length > 4096) this.accepted.splice(0, 2048);
		if (this.rate > 0) this.rate *= 1.0005;
	}

	rateLimited(): void {
		const now = this.clock.now();
		this.lastLimited = now;
		const sinceLast = now - this.lastDecrease;
		if (sinceLast < 250) return;
		if (this.rate > 0) {
			// 429s in back-to-back windows mean the pace is still far too high: step down harder.
			this.lastDecrease = now;
			this.rate = Math.max(MIN_RATE, this.rate * (sinceLast < 600 ? 0.7 : 0.9));
			return;
		}
		const accepted = this.acceptedPerSecond(now);
		// Nothing accepted lately says nothing about the limit (answers may just be slow): the
		// item waits out Retry-After and the pace is left alone.
		if (accepted === 0) return;
		this.lastDecrease = now;
		this.rate = Math.max(MIN_RATE, accepted);
	}

	/** Requests Hero accepted per second over the last window (or since the first, if sooner). */
	private acceptedPerSecond(now: number): number {
		let count = 0;
		let first = now;
		for (
			let i = this.accepted.length - 1;
			i >= 0 && this.accepted[i] > now - ACCEPTED_WINDOW_MS;
			i--
		) {
			count += 1;
			first = this.accepted[i];
		}
		return count === 0 ? 0 : (count * 1000) / Math.max(250, now - first);
	}
}

/** At most `size` holders at once; the rest wait in order. */
export class Slots {
	private free: number;

	private readonly waiting: Array<() => void> = [];

	constructor(size: number) {
		this.free = size;
	}

	async acquire(): Promise<void> {
		if (this.free > 0) {
			this.free -= 1;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.free += 1;
	}
}
