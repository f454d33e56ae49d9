// The secret scan: the API key and every webhook signing key must never appear in what the
// nodes output, in their errors, or in anything logged.
import type { FakeHero } from '../../dev/fake-hero/server';
import { logLines, observed } from './engine';
import { engineLogLines } from './logs';

export function secretsOf(fake: FakeHero): string[] {
	const keys = new Set<string>([fake.apiKey]);
	for (const hook of fake.store.webhooks.values())
		if (hook.signing_key) keys.add(String(hook.signing_key));
	for (const request of fake.requests) {
		if (request.operationId === 'createWebhook' && request.body?.signing_key)
			keys.add(String(request.body.signing_key));
	}
	return [...keys];
}

function text(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, entry) => {
		if (entry instanceof Error)
			return {
				message: entry.message,
				description: (entry as { description?: unknown }).description,
				stack: entry.stack,
			};
		if (entry && typeof entry === 'object') {
			if (seen.has(entry)) return undefined;
			seen.add(entry);
		}
		return entry;
	});
}

/** Where each secret was found; empty when clean. */
export function findSecrets(secrets: string[]): string[] {
	const haystacks: Array<[string, string]> = [
		['node output or error', observed.map(text).join('\n')],
		['n8n logger', logLines.join('\n')],
		['n8n-core logger', engineLogLines().join('\n')],
	];
	const found: string[] = [];
	for (const secret of secrets) {
		for (const [where, haystack] of haystacks) {
			if (haystack.includes(secret)) found.push(`${secret.slice(0, 4)}… in ${where}`);
		}
	}
	return found;
}
