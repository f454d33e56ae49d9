import { createHmac } from 'crypto';

import { useFakeHero } from '../harness/fakeHero';
import { triggerWorkflow } from '../harness/trigger';

const fake = useFakeHero();

type Trigger = ReturnType<typeof triggerWorkflow>;
let trigger: Trigger;
let key: string;

const body = (id = '900') =>
	JSON.stringify({
		object: 'Appointment',
		id,
		practice_group_id: fake.practiceGroupId,
		event: 'appointment.confirmed',
	});
const seconds = (offset = 0) => String(Math.floor(Date.now() / 1000) + offset);
const sign = (ts: string, raw: string) =>
	createHmac('sha256', key).update(`${ts}.${raw}`).digest('hex');
const headers = (ts: string, signature: string, contentType = 'application/json') => ({
	'Content-Type': contentType,
	'X-Herohealth-Timestamp': ts,
	'X-Herohealth-Signature': signature,
});

beforeEach(async () => {
	fake.store.webhooks.clear();
	trigger = triggerWorkflow(
		fake,
		{ events: ['appointment.confirmed'] },
		{ webhookId: `abuse-${Math.random()}` },
	);
	await trigger.activate();
	key = [...fake.store.webhooks.values()][0].signing_key;
});

describe('webhook abuse', () => {
	it('accepts the genuine delivery once, and refuses the exact same request replayed', async () => {
		const ts = seconds();
		const raw = body();
		const first = await trigger.deliver(raw, headers(ts, sign(ts, raw)));
		expect(first.items).toHaveLength(1);
		const replay = await trigger.deliver(raw, headers(ts, sign(ts, raw)));
		expect(replay.status).toBe(401);
		expect(replay.workflowData).toBeUndefined();
	});

	const cases: Array<[string, () => [string, Record<string, string>], number]> = [
		[
			'a forged body',
			() => {
				const ts = seconds();
				return [body('901'), headers(ts, sign(ts, body('900')))];
			},
			401,
		],
		['missing headers', () => [body(), {}], 401],
		[
			'a stale timestamp',
			() => {
				const ts = seconds(-3600);
				return [body(), headers(ts, sign(ts, body()))];
			},
			401,
		],
		[
			'a future timestamp',
			() => {
				const ts = seconds(3600);
				return [body(), headers(ts, sign(ts, body()))];
			},
			401,
		],
		[
			'the body replayed with a new timestamp',
			() => {
				const old = seconds(-10);
				return [body(), headers(seconds(), sign(old, body()))];
			},
			401,
		],
		[
			'a 1 MB forged body',
			() => [
				JSON.stringify({ event: 'appointment.confirmed', pad: 'x'.repeat(1024 * 1024) }),
				headers(seconds(), 'f'.repeat(64)),
			],
			401,
		],
		[
			'a signed body with the wrong content type',
			() => {
				const ts = seconds();
				return [body(), headers(ts, sign(ts, body()), 'text/plain')];
			},
			415,
		],
		// No event name to pick a signing key by: nothing can verify it.
		[
			'a signed body that is not JSON',
			() => {
				const ts = seconds();
				return ['appointment.confirmed', headers(ts, sign(ts, 'appointment.confirmed'))];
			},
			401,
		],
		[
			'a signature for an empty body',
			() => {
				const ts = seconds();
				return [body(), headers(ts, sign(ts, ''))];
			},
			401,
		],
	];

	it.each(cases)('refuses %s and starts nothing', async (_label, make, status) => {
		const [raw, sent] = make();
		const delivery = await trigger.deliver(raw, sent);
		expect(delivery.status).toBe(status);
		expect(delivery.workflowData).toBeUndefined();
	});
});
