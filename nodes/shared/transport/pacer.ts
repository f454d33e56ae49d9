import { sleep } from 'n8n-workflow';

/** After this long without a 429, a pacer forgets the pace it learnt: Hero's load changes. */
const CALM_RESET_MS = 30_000;

/**
 * Keeps requests under Hero's rate limit, shared by every item of every execution using the
 * same Hero key in this process (see sharedPacer). Unpaced until the
 * first 429, which halves the rate that was being sent; after that each 429 slows the pace by
 * 10% (30% while 429s keep coming; at most every 250 ms, since requests already in flight
 * answer 429 too) and each success speeds it up by 0.05%, so it settles just under Hero's
 * limit. Without this, each limited item sleeps out Retry-After while the others keep
 * hitting the limit.
 */
export class Pacer {
	private rate = 0;

	private next = 0;

	private lastDecrease = 0;

	private readonly sends: number[] = [];

	/** Waits for this request's turn. */
	async wait(): Promise<void> {
		if (this.rate > 0 && Date.now() - this.lastDecrease > CALM_RESET_MS) this.rate = 0;
		if (this.rate > 0) {
			const now = Date.now();
			const at = Math.max(now, this.next);
			this.next = at + 1000 / this.rate;
			if (at > now) await sleep(at - now);
		}
		this.sends.push(Date.now());
		// Keep it short without shifting on every request.
		if (this.sends.length > 4096) this.sends.splice(0, 2048);
	}

	succeeded(): void {
		if (this.rate > 0) this.rate *= 1.0005;
	}

	rateLimited(): void {
		const now = Date.now();
		const sinceLast = now - this.lastDecrease;
		if (sinceLast < 250) return;
		this.lastDecrease = now;
		const observed = sendsPerSecond(this.sends, now);
		// 429s in back-to-back windows mean the pace is still far too high: step down harder.
		const factor = sinceLast < 600 ? 0.7 : 0.9;
		this.rate = Math.max(0.2, this.rate > 0 ? this.rate * factor : observed * 0.5);
	}
}

/** Sends in the last second (or since the first, if sooner), per second. */
function sendsPerSecond(sends: number[], now: number): number {
	let count = 0;
	let first = now;
	for (let i = sends.length - 1; i >= 0 && sends[i] >= now - 1000; i--) {
		count += 1;
		first = sends[i];
	}
	return (count * 1000) / Math.max(50, now - first);
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
