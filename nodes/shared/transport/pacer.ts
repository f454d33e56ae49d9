import { sleep } from 'n8n-workflow';

/** After this long without a 429 a pacer forgets the pace it learnt: Hero's load changes. */
export const CALM_RESET_MS = 5_000;
/** Accepted requests are counted over this window to learn Hero's rate. */
const ACCEPTED_WINDOW_MS = 1_000;
/** The first moments of a stream use up the burst Hero allows: left out once there is more. */
const BURST_MS = 100;
/** A gap this long between accepted requests ends a stream: rates are measured after it. */
const PAUSE_MS = 250;
/** The shortest span an accepted rate is measured over. */
const MIN_WINDOW_MS = 50;
/** Each accepted request speeds a learnt pace up by this factor: about 2% a second at 200/s. */
const CREEP = 1.0001;
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
 * the rate Hero accepted over the last second of the current stream of requests (what got
 * through is the measure of the limit; one slow answer is not, nor traffic before a pause, nor
 * the burst at a stream's start). Each further 429 sets the pace just under what Hero accepted
 * (at most every 250 ms, since requests already in flight answer 429 too), or slows it by 10-30%
 * when nothing was accepted lately; each success speeds it up a little, so it settles just under
 * Hero's limit within the first second or two. Five seconds without a 429 and it is unpaced
 * again. Without this, each limited item sleeps out Retry-After while the others keep hitting
 * the limit.
 */
export class Pacer {
	private rate = 0;

	private next = 0;

	private lastDecrease = -Infinity;

	private lastLimited = -Infinity;

	private readonly accepted: number[] = [];

	/** When requests began to flow without a pause: a rate is measured from here, not before. */
	private busySince = -Infinity;

	constructor(private readonly clock: Clock = REAL_CLOCK) {}

	/** Requests a second it paces at; 0 when unpaced. */
	get pace(): number {
		return this.rate;
	}

	/** Waits for this request's turn; undefined (nothing to wait for) while unpaced. */
	wait(): Promise<void> | undefined {
		if (this.rate === 0) return undefined;
		const now = this.clock.now();
		if (now - this.lastLimited >= CALM_RESET_MS) {
			this.rate = 0;
			return undefined;
		}
		const at = Math.max(now, this.next);
		this.next = at + 1000 / this.rate;
		return at > now ? this.clock.sleep(at - now) : undefined;
	}

	/** Hero accepted a request (any answer but 429). */
	succeeded(): void {
		const now = this.clock.now();
		const last = this.accepted[this.accepted.length - 1];
		// A pause means what came before says nothing of how fast Hero takes a steady stream.
		if (last === undefined || now - last > PAUSE_MS) this.busySince = now;
		this.accepted.push(now);
		// Keep it short without shifting on every request.
		if (this.accepted.length > 4096) this.accepted.splice(0, 2048);
		if (this.rate > 0) this.rate *= CREEP;
	}

	rateLimited(): void {
		const now = this.clock.now();
		this.lastLimited = now;
		const sinceLast = now - this.lastDecrease;
		if (sinceLast < 250) return;
		const accepted = this.acceptedPerSecond(now);
		if (this.rate > 0) {
			this.lastDecrease = now;
			// Over the limit, what Hero accepted is the limit: pace just under it.
			if (accepted > 0) this.rate = Math.max(MIN_RATE, Math.min(this.rate, accepted) * 0.98);
			// Nothing accepted lately: step down, harder while 429s keep coming.
			else this.rate = Math.max(MIN_RATE, this.rate * (sinceLast < 600 ? 0.7 : 0.9));
			return;
		}
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
		const warm = now - this.busySince > 2 * BURST_MS ? this.busySince + BURST_MS : this.busySince;
		const since = Math.max(now - ACCEPTED_WINDOW_MS, warm - 1);
		for (let i = this.accepted.length - 1; i >= 0 && this.accepted[i] > since; i--) {
			count += 1;
			first = this.accepted[i];
		}
		// Early in a run the window is short: a high guess is corrected by the next 429, a low one
		// would hold the run back, so the floor is small.
		return count === 0 ? 0 : (count * 1000) / Math.max(MIN_WINDOW_MS, now - first);
	}
}

/** At most `size` holders at once; the rest wait in order. */
export class Slots {
	private free: number;

	private readonly waiting: Array<() => void> = [];

	constructor(size: number) {
		this.free = size;
	}

	/** Takes a slot: at once (undefined) when one is free, else a promise of the next one. */
	acquire(): Promise<void> | undefined {
		if (this.free > 0) {
			this.free -= 1;
			return undefined;
		}
		return new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.free += 1;
	}
}
