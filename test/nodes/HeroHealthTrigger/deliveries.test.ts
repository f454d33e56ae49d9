import {
	PROCESS_MEMORY,
	ReplayGuard,
	rememberFor,
} from '../../../nodes/HeroHealthTrigger/deliveries';

const WINDOW = 300;
const start = 1_800_000_000_000;

describe('a webhook process remembers what it accepted while it could be replayed', () => {
	it(`after ${(12_000).toLocaleString('en-GB')} other deliveries inside the window, a replay is still recognised`, () => {
		const guard = new ReplayGuard();
		expect(guard.check('original', WINDOW, start)).toBe('first');
		for (let i = 0; i < 12_000; i++)
			expect(guard.check(`other-${i}`, WINDOW, start + i)).toBe('first');
		expect(guard.check('original', WINDOW, start + 12_000)).toBe('again');
	});

	it('at its bound it refuses new deliveries rather than forget one still replayable', () => {
		const guard = new ReplayGuard(100);
		for (let i = 0; i < 100; i++) expect(guard.check(`d-${i}`, WINDOW, start)).toBe('first');
		expect(guard.check('one-too-many', WINDOW, start + 1)).toBe('full');
		expect(guard.check('d-0', WINDOW, start + 2)).toBe('again');
		// Once the window has passed, nothing held is replayable: room again.
		const later = start + rememberFor(WINDOW) + 1;
		expect(guard.check('one-too-many', WINDOW, later)).toBe('first');
		expect(guard.check('d-0', WINDOW, later)).toBe('first');
	});

	it('a delivery is remembered for twice the window, since timestamps that far ahead pass too', () => {
		const guard = new ReplayGuard();
		guard.check('x', WINDOW, start);
		expect(guard.check('x', WINDOW, start + rememberFor(WINDOW) - 1)).toBe('again');
		expect(guard.check('x', WINDOW, start + rememberFor(WINDOW))).toBe('first');
	});

	it(`the bound is ${PROCESS_MEMORY.toLocaleString('en-GB')} deliveries`, () => {
		expect(PROCESS_MEMORY).toBe(100_000);
	});
});
