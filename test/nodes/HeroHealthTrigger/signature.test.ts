import { createHmac } from 'crypto';

import { parseTimestamp, rememberDelivery, REMEMBERED_DELIVERIES, verifyDelivery } from '../../../nodes/HeroHealthTrigger/signature';

const key = 'a'.repeat(64);
const body = Buffer.from('{"event":"appointment.confirmed"}');

describe('signature', () => {
	it('reads timestamps in seconds, milliseconds and ISO 8601', () => {
		expect(parseTimestamp('1795600000')?.toISOString()).toBe('2026-11-25T09:46:40.000Z');
		expect(parseTimestamp('1795600000000')?.toISOString()).toBe('2026-11-25T09:46:40.000Z');
		expect(parseTimestamp('2026-11-25T09:46:40Z')?.toISOString()).toBe('2026-11-25T09:46:40.000Z');
		expect(parseTimestamp('soon')).toBeUndefined();
	});

	it('checks against every registered key and both encodings', () => {
		const now = Date.parse('2026-11-25T09:46:40Z');
		const digest = createHmac('sha256', key).update('1795600000.').update(body).digest();
		for (const signature of [digest.toString('hex'), digest.toString('hex').toUpperCase(), digest.toString('base64'), `sha256=${digest.toString('base64')}`]) {
			expect(verifyDelivery({ rawBody: body, timestamp: '1795600000', signature, signingKeys: ['other', key], toleranceSeconds: 300, now }).ok).toBe(true);
		}
		expect(verifyDelivery({ rawBody: body, timestamp: '1795600000', signature: digest.toString('hex'), signingKeys: [], toleranceSeconds: 300, now })).toEqual({ ok: false, reason: 'missing headers' });
	});
});

describe('rememberDelivery: accepted deliveries in the workflow static data', () => {
	const digest = (n: number) => n.toString(16).padStart(8, '0').padEnd(64, 'f');

	it('records a delivery once, then knows it until it expires', () => {
		const store: Record<string, unknown> = {};
		const now = 1_800_000_000_000;
		expect(rememberDelivery(store, digest(1), 300_000, now)).toBe(false);
		expect(rememberDelivery(store, digest(1), 300_000, now + 1000)).toBe(true);
		expect(rememberDelivery(store, digest(1), 300_000, now + 601_000)).toBe(false);
	});

	it('keeps at most the newest entries, and ignores a store it cannot read', () => {
		const store: Record<string, unknown> = { acceptedDeliveries: 'garbage' };
		const now = 1_800_000_000_000;
		for (let i = 0; i < REMEMBERED_DELIVERIES + 50; i++) rememberDelivery(store, digest(i), 3_600_000, now + i * 1000);
		const kept = Object.keys(store.acceptedDeliveries as object);
		expect(kept).toHaveLength(REMEMBERED_DELIVERIES);
		expect(kept).not.toContain(digest(0).slice(0, 32));
		expect(kept).toContain(digest(REMEMBERED_DELIVERIES + 49).slice(0, 32));
	});
});
