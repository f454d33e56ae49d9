import { createHmac, timingSafeEqual } from 'crypto';

// Hero signs "<X-Herohealth-Timestamp>.<raw body>" with HMAC-SHA256 and the webhook's signing
// key. Its docs do not say whether the digest is hex or base64, nor the timestamp's unit, so
// both encodings (with or without "sha256=") and seconds, milliseconds or ISO 8601 are taken.

export type Verdict =
	/** `digest`: the HMAC that matched, hex; the same however the header encoded it. */
	| { ok: true; timestamp: Date; digest: string }
	| {
			ok: false;
			reason: 'missing headers' | 'bad timestamp' | 'stale timestamp' | 'bad signature';
	  };

/** Seconds, milliseconds or ISO 8601 to a Date; undefined when unreadable. */
export function parseTimestamp(value: string): Date | undefined {
	const text = value.trim();
	let ms: number;
	if (/^\d{1,13}(\.\d{1,6})?$/.test(text)) {
		const number = Number(text);
		// Seconds until the year 5138; anything larger is milliseconds.
		ms = number < 1e11 ? number * 1000 : number;
	} else if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.test(text)) {
		ms = Date.parse(text);
	} else {
		// 20 or 400 digits, a sign, words: not a time Hero sends.
		return undefined;
	}
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

function decodeSignature(signature: string): Buffer[] {
	const text = signature.trim().replace(/^sha256=/i, '');
	const candidates: Buffer[] = [];
	if (/^[0-9a-f]{64}$/i.test(text)) candidates.push(Buffer.from(text, 'hex'));
	if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(text)) {
		const base64 = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
		if (base64.length === 32) candidates.push(base64);
	}
	return candidates;
}

export function sign(signingKey: string, timestamp: string, rawBody: Buffer | string): Buffer {
	return createHmac('sha256', signingKey)
		.update(`${timestamp}.`)
		.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
		.digest();
}

/**
 * Checks a delivery against every signing key this trigger registered for it. Compares in
 * constant time and rejects timestamps outside the window in either direction.
 */
export function verifyDelivery(options: {
	rawBody: Buffer;
	timestamp?: string;
	signature?: string;
	signingKeys: string[];
	toleranceSeconds: number;
	now?: number;
}): Verdict {
	const { rawBody, timestamp, signature, signingKeys } = options;
	if (!timestamp || !signature || signingKeys.length === 0)
		return { ok: false, reason: 'missing headers' };
	const sent = parseTimestamp(timestamp);
	if (!sent) return { ok: false, reason: 'bad timestamp' };
	const skew = Math.abs((options.now ?? Date.now()) - sent.getTime());
	if (skew > options.toleranceSeconds * 1000) return { ok: false, reason: 'stale timestamp' };
	const given = decodeSignature(signature);
	let match: Buffer | undefined;
	for (const key of signingKeys) {
		const expected = sign(key, timestamp, rawBody);
		for (const candidate of given) {
			// Evaluate every pair so timing does not reveal which key or encoding matched.
			if (candidate.length === expected.length && timingSafeEqual(candidate, expected))
				match = expected;
		}
	}
	return match
		? { ok: true, timestamp: sent, digest: match.toString('hex') }
		: { ok: false, reason: 'bad signature' };
}
