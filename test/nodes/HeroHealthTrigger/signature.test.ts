import { createHmac } from 'crypto';

import { parseTimestamp, verifyDelivery } from '../../../nodes/HeroHealthTrigger/signature';

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
		for (const signature of [
			digest.toString('hex'),
			digest.toString('hex').toUpperCase(),
			digest.toString('base64'),
			`sha256=${digest.toString('base64')}`,
		]) {
			expect(
				verifyDelivery({
					rawBody: body,
					timestamp: '1795600000',
					signature,
					signingKeys: ['other', key],
					toleranceSeconds: 300,
					now,
				}).ok,
			).toBe(true);
		}
		expect(
			verifyDelivery({
				rawBody: body,
				timestamp: '1795600000',
				signature: digest.toString('hex'),
				signingKeys: [],
				toleranceSeconds: 300,
				now,
			}),
		).toEqual({ ok: false, reason: 'missing headers' });
	});
});
