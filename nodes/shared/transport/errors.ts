import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiScope, HttpMethod } from '../types';

export interface ErrorContext {
	method: HttpMethod;
	path: string;
	itemIndex?: number;
	scope?: ApiScope;
	/** What the path's ID names, e.g. `appointment`. */
	subject?: string;
	id?: string;
	attempts: number;
}

interface ValidationIssue {
	path?: unknown[];
	expected?: string;
	code?: string;
	message?: string;
}

/** Errors after which Hero may have acted although the request failed (a POST answered 5xx, ...). */
const uncertain = new WeakSet<object>();

export function mayHaveActed(error: unknown): boolean {
	return typeof error === 'object' && error !== null && uncertain.has(error);
}

function isWrite(context: ErrorContext): boolean {
	return context.method === 'POST' || context.method === 'PATCH';
}

/** What Hero (or whatever answered) said, cut short: it may echo a long input back. */
const MAX_ECHO = 300;

export function cut(text: string, max = MAX_ECHO): string {
	return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

/** How every message about one item starts, `[item 3] `: built here only. */
export function itemPrefix(itemIndex: number | undefined): string {
	return itemIndex === undefined ? '' : `[item ${itemIndex}] `;
}

/** The message without the item prefix, to name it again in a list of items. */
export function withoutItemPrefix(message: string): string {
	return message.replace(/^\[item \d+\] /, '');
}

/** Hero's 400 lists issues as { code, expected, path }; show them one per line. */
export function formatValidationIssues(body: unknown): string[] {
	const message = (body as { message?: unknown })?.message;
	if (Array.isArray(message)) {
		return message.map((entry: ValidationIssue | string) => {
			if (typeof entry === 'string') return entry;
			const where = Array.isArray(entry.path) && entry.path.length ? entry.path.join('.') : 'body';
			const what = entry.expected
				? `expected ${entry.expected}`
				: (entry.message ?? entry.code ?? 'invalid');
			return `${where}: ${what}`;
		});
	}
	if (typeof message === 'string' && message) return [message];
	return [];
}

function heroMessage(body: unknown): string | undefined {
	const issues = formatValidationIssues(body);
	if (issues.length) return cut(issues.join('; '));
	const error = (body as { error?: unknown })?.error;
	return typeof error === 'string' ? cut(error) : undefined;
}

const SCOPE_HINT: Record<ApiScope, string> = {
	messaging: 'Messaging',
	booking: 'Booking',
	'booking links': 'Booking links',
};

function statusError(status: number, body: unknown, context: ErrorContext): [string, string] {
	const where = `${context.method} ${context.path}`;
	const said = heroMessage(body);
	switch (true) {
		case status === 400 || status === 422: {
			const issues = formatValidationIssues(body)
				.slice(0, 20)
				.map((issue) => cut(issue));
			return [
				`Hero rejected the request: ${issues[0] ?? said ?? 'invalid input'}`,
				(issues.length
					? `Hero listed these problems with the fields sent:\n${issues.join('\n')}`
					: `Hero said the request to ${where} was invalid.`) +
					'\nCorrect the fields named and run the node again.',
			];
		}
		case status === 401 || status === 403: {
			const scope = context.scope
				? `This operation needs an API key with the "${SCOPE_HINT[context.scope]}" scope. `
				: '';
			return [
				`Hero refused the API key for this operation (HTTP ${status})`,
				`${scope}Check the API key and Practice Group ID in the Hero Health credential; a key is tied to one practice group, and a cross-organisational Practice Group ID only works inside the same Hero network. Ask Hero support to add a missing scope.`,
			];
		}
		case status === 404: {
			const subject = context.subject ?? 'record';
			return [
				context.id
					? `No ${subject} with ID ${context.id} was found`
					: `Hero found nothing at ${where}`,
				`Check the ${subject} ID, and that it belongs to the practice group in the credential${said ? ` (Hero said: ${said})` : ''}.`,
			];
		}
		case status === 409:
			return [
				`Hero refused the request because of a conflict${said ? `: ${said}` : ''}`,
				'The record may have changed, for example an appointment already confirmed or cancelled. Fetch it again and check its state.',
			];
		case status === 429:
			return [
				`Hero's rate limit was still exceeded after ${context.attempts} attempts`,
				"Lower Concurrency in the node's Request Options, or spread the work over time. The limit is set in your Hero partner agreement.",
			];
		default: {
			const notRetried =
				context.method === 'POST' || context.method === 'PATCH'
					? ' It was not repeated, because Hero may already have acted on it (a message sent, a booking made): check in Hero before running it again.'
					: context.attempts > 1
						? ` It failed ${context.attempts} times.`
						: '';
			return [
				`Hero could not handle the request (HTTP ${status})`,
				`${where} failed on Hero's side${said ? `: ${said}` : ''}.${notRetried}`,
			];
		}
	}
}

/** An HTTP answer Hero gave that is not a success. */
export function heroStatusError(
	node: INode,
	status: number,
	body: unknown,
	context: ErrorContext,
): NodeApiError {
	const [message, description] = statusError(status, body, context);
	const response: JsonObject = { statusCode: status };
	const said = heroMessage(body);
	if (said) response.message = said;
	const error = new NodeApiError(node, response, {
		message: itemPrefix(context.itemIndex) + message,
		description,
		httpCode: String(status),
		itemIndex: context.itemIndex,
	});
	if (status >= 500 && isWrite(context)) uncertain.add(error);
	return error;
}

/** Hero's address answered with a redirect; it is never followed, the key would go along. */
export function heroRedirectError(
	node: INode,
	status: number,
	location: string | undefined,
	context: ErrorContext,
	baseUrl: string,
): NodeApiError {
	let target = 'an address it did not give';
	try {
		if (location) target = new URL(location, baseUrl).host;
	} catch {
		target = 'an unreadable address';
	}
	return new NodeApiError(
		node,
		{ statusCode: status },
		{
			message: `${itemPrefix(context.itemIndex)}Hero's address answered with a redirect (HTTP ${status}) to ${target}; it was not followed`,
			description: `${context.method} ${context.path} was redirected. Redirects are never followed, since the API key and the request would go to another server. Check the Environment (or Base URL) in the Hero Health credential; a proxy or a misconfigured server may be redirecting.`,
			httpCode: String(status),
			itemIndex: context.itemIndex,
		},
	);
}

/** Codes meaning the request never left: nothing can have reached Hero. */
const NEVER_SENT = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL'];

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

export interface NetworkFailure {
	code: string;
	/** The failure's own words, secrets already removed. */
	detail?: string;
}

/** No usable answer: the connection failed, timed out or the body was not JSON. */
export function heroTransportError(
	node: INode,
	failure: NetworkFailure,
	context: ErrorContext,
	baseUrl: string,
): NodeApiError {
	const { code, detail } = failure;
	const notRetried = isWrite(context)
		? ' It was not repeated, because Hero may already have acted on it: check in Hero before running it again.'
		: '';
	const tls = TLS_CODE.test(code);
	const message =
		code === 'INVALID_JSON'
			? 'Hero answered with something that is not JSON'
			: code === 'EMPTY_BODY'
				? 'Hero answered with an empty body'
				: code === 'ETIMEDOUT' || code === 'ECONNABORTED'
					? 'Hero did not answer in time'
					: tls
						? `Could not reach Hero: the server's TLS certificate was not accepted (${code})`
						: `Could not reach Hero: the connection failed (${code})`;
	const said = detail ? ` The error was: ${cut(detail)}.` : '';
	const description =
		code === 'INVALID_JSON' || code === 'EMPTY_BODY'
			? `${context.method} ${context.path} returned a body n8n could not read, often an error page from a proxy.${notRetried}`
			: tls
				? `${context.method} ${baseUrl}${context.path} failed: the certificate presented is not one n8n trusts.${said} On networks that inspect TLS (common in the NHS), n8n must be given the proxy's CA certificate (NODE_EXTRA_CA_CERTS); otherwise check the Environment (or Base URL) in the Hero Health credential. Not retried: it would fail the same way.`
				: `${context.method} ${baseUrl}${context.path} failed after ${context.attempts} attempt(s) (network error ${code}).${said} Check the Environment (or Base URL) in the Hero Health credential and your network.${notRetried}`;
	// Not under `code`, and set again after construction: n8n swaps a message that names a
	// network code for its own generic one.
	const error = new NodeApiError(
		node,
		{ networkCode: code },
		{ message: itemPrefix(context.itemIndex) + message, description, itemIndex: context.itemIndex },
	);
	error.message = itemPrefix(context.itemIndex) + message;
	if (isWrite(context) && !NEVER_SENT.includes(code) && !tls) uncertain.add(error);
	return error;
}
