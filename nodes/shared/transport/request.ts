import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IPollFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { createHash } from 'crypto';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { baseUrlOf } from '../../../credentials/HeroHealthApi.credentials';
import { Scrubber } from './secrets';
import type { ApiScope, HttpMethod } from '../types';
import type { ErrorContext, NetworkFailure } from './errors';
import { heroRedirectError, heroStatusError, heroTransportError } from './errors';
import type { Slots } from './pacer';
import { Pacer } from './pacer';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY, retryDelay } from './retry';

export const CREDENTIAL = 'heroHealthApi';

/** A success answer that was text, not JSON (some writes answer "OK"). */
export class HeroText {
	constructor(readonly text: string) {}
}

/** A success answer that was a file (neither JSON nor text), for the Custom API Call. */
export class HeroFile {
	constructor(
		readonly data: Buffer,
		readonly mimeType: string,
		readonly fileName?: string,
	) {}
}

/** Whether a Content-Type is JSON or text, which is read rather than kept as a file. */
function readable(contentType: string): boolean {
	return contentType === '' || /json|^text\//i.test(contentType);
}

/** The file name a Content-Disposition header gives, if any. */
function dispositionName(value: unknown): string | undefined {
	const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(String(value ?? ''));
	if (!match) return undefined;
	try {
		return decodeURIComponent(match[1]).replace(/[\\/]/g, '_');
	} catch {
		return match[1].replace(/[\\/]/g, '_');
	}
}

export type HeroContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| IWebhookFunctions;

export interface HeroRequest {
	method: HttpMethod;
	/** Path with IDs already encoded, e.g. `/v1/appointments/123`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Replaces the credential's practice group for a cross-organisational call. */
	practiceGroupId?: string;
	/** A file sent as the whole body with its MIME type, instead of JSON. */
	file?: { data: Buffer; mimeType: string };
}

export interface RequestSettings {
	retry?: RetryPolicy;
	timeoutMs?: number;
	itemIndex?: number;
	scope?: ApiScope;
	subject?: string;
	id?: string;
	/** Shared by the items of one run, to keep under Hero's rate limit. */
	pacer?: Pacer;
	/** Held by the item that calls; given up while it waits to retry, so others can go. */
	slots?: Slots;
	/** Secrets besides the API key that Hero knows and must not be repeated (signing keys). */
	secrets?: string[];
	/** Whether an answer that is a file (not JSON or text) resolves to a HeroFile. */
	acceptFile?: boolean;
	/**
	 * The caller scrubs what it outputs (the action node's output room), so a JSON answer comes
	 * back as Hero sent it: scrubbing once what leaves, not every answer. Errors are always scrubbed.
	 */
	scrubbedByCaller?: boolean;
}

interface Connection {
	baseUrl: string;
	apiKey: string;
	practiceGroupId: string;
	/** Removes the API key from anything that reaches the user. */
	scrubber: Scrubber;
	/**
	 * The credential as read once here, handed to n8n's helper with each request: without it,
	 * n8n 2.x loads and decrypts the credential from its database for every request.
	 */
	credential: ICredentialsDecrypted;
}

const connections = new WeakMap<object, Promise<Connection>>();
/** The same, once read: every request after the first takes it without waiting. */
const ready = new WeakMap<object, Connection>();

async function readConnection(context: HeroContext): Promise<Connection> {
	const credentials = await context.getCredentials(CREDENTIAL);
	try {
		const apiKey = String(credentials.apiKey ?? '');
		const named = context.getNode().credentials?.[CREDENTIAL];
		return {
			baseUrl: baseUrlOf(credentials),
			apiKey,
			practiceGroupId: String(credentials.practiceGroupId ?? ''),
			scrubber: new Scrubber([apiKey]),
			credential: {
				id: named?.id ?? '',
				name: named?.name ?? '',
				type: CREDENTIAL,
				data: credentials,
			},
		};
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description:
				'Open the Hero Health credential and pick a named Environment, or enter a Base URL such as https://api.herohealth.net (http:// only for a local server).',
		});
	}
}

const pacers = new Map<string, Pacer>();
const MAX_PACERS = 200;

/**
 * One pacer per Hero key in this process (base URL, practice group, key), shared by every
 * execution using it: Hero's rate limit is per key, not per execution. Keyed on a hash, so
 * the key itself is not kept.
 */
export async function sharedPacer(context: HeroContext): Promise<Pacer> {
	const { baseUrl, practiceGroupId, apiKey } = await heroConnection(context);
	const id = `${baseUrl}\n${practiceGroupId}\n${createHash('sha256').update(apiKey).digest('hex').slice(0, 32)}`;
	let pacer = pacers.get(id);
	if (!pacer) {
		if (pacers.size >= MAX_PACERS) pacers.delete(pacers.keys().next().value as string);
		pacer = new Pacer();
		pacers.set(id, pacer);
	}
	return pacer;
}

/** Drops every shared pacer: each test starts as a fresh process would. */
export function forgetPacers(): void {
	pacers.clear();
}

/** The practice group the credential acts for. */
export async function practiceGroupFor(context: HeroContext): Promise<string> {
	return (await heroConnection(context)).practiceGroupId;
}

/** What must not reach the user for this context: its API key and every form of it. */
export async function scrubberFor(context: HeroContext): Promise<Scrubber> {
	return (await heroConnection(context)).scrubber;
}

/** Secret-looking fields a request sends (a webhook's signing key): Hero could repeat them. */
export function secretsSent(body: IDataObject | undefined): string[] {
	if (!body) return [];
	return Object.entries(body)
		.filter(
			([key, value]) => /signing_key|secret|token|password/i.test(key) && typeof value === 'string',
		)
		.map(([, value]) => value as string);
}

/** The credential's base URL and key, read once per execution context. */
async function heroConnection(context: HeroContext): Promise<Connection> {
	let connection = connections.get(context);
	if (!connection) {
		connection = readConnection(context).then((read) => {
			ready.set(context, read);
			return read;
		});
		connections.set(context, connection);
	}
	return await connection;
}

/** Waits before a retry without holding the caller's slot. */
async function pause(ms: number, slots?: Slots): Promise<void> {
	slots?.release();
	await sleep(ms);
	await slots?.acquire();
}

/**
 * The failure's own code and words, from the error or its causes. An error with no code is
 * UNKNOWN: only codes known to be transient are retried.
 */
function networkFailure(error: unknown, scrubber: Scrubber): NetworkFailure {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string' && /^[A-Z][A-Z0-9_]{2,}$/.test(current.code)) {
			return { code: current.code, detail: scrub(current.message, scrubber) };
		}
		current = current.cause as typeof current;
	}
	return { code: 'UNKNOWN', detail: scrub((error as Error)?.message, scrubber) };
}

/** Error text without secrets or any user:password in an address. */
function scrub(message: unknown, scrubber: Scrubber): string | undefined {
	if (typeof message !== 'string' || !message) return undefined;
	return scrubber.text(message.replace(/\/\/[^/\s@]*@/g, '//'));
}

/** Bytes read as JSON where they are JSON, else as text; empty stays empty. */
function decoded(bytes: Buffer): unknown {
	const text = bytes.toString('utf8');
	if (text === '') return '';
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function header(headers: IDataObject | undefined, name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

/**
 * The only place this package sends HTTP: through n8n's authenticated helper, with Hero's
 * errors explained, 429s waited out and idempotent requests retried on server faults.
 * Resolves to the parsed body, or undefined when Hero sent none.
 */
export async function heroRequest(
	this: HeroContext,
	request: HeroRequest,
	settings: RequestSettings = {},
): Promise<unknown> {
	const connection = ready.get(this) ?? (await heroConnection(this));
	const { baseUrl } = connection;
	const scrubber = connection.scrubber.with([
		...(settings.secrets ?? []),
		...secretsSent(request.body),
	]);
	const policy = settings.retry ?? DEFAULT_RETRY;
	const headers: IDataObject = {};
	if (request.practiceGroupId) headers['x-practice-group-id'] = request.practiceGroupId;
	const context: ErrorContext = {
		method: request.method,
		path: request.path,
		itemIndex: settings.itemIndex,
		scope: settings.scope,
		subject: settings.subject,
		id: settings.id,
		attempts: 0,
	};

	for (let attempt = 1; ; attempt++) {
		context.attempts = attempt;
		const options: IHttpRequestOptions = {
			method: request.method,
			url: baseUrl + request.path,
			headers: { ...headers },
			json: true,
			arrayFormat: 'repeat',
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
			// A redirect would carry the key and the body to another server: it is an error.
			disableFollowRedirect: true,
			timeout: settings.timeoutMs ?? 30_000,
		};
		if (request.qs && Object.keys(request.qs).length) options.qs = request.qs;
		if (request.file) {
			options.body = request.file.data;
			options.headers!['content-type'] = request.file.mimeType;
		} else if (request.body !== undefined) options.body = request.body;
		if (settings.acceptFile) {
			// Read as bytes; JSON and text are decoded below, anything else is a file.
			options.json = false;
			options.encoding = 'arraybuffer';
		}

		let response: IN8nHttpFullResponse;
		try {
			const turn = settings.pacer?.wait();
			if (turn) await turn;
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, options, {
				credentialsDecrypted: connection.credential,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			const failure = networkFailure(error, scrubber);
			const wait = retryDelay(
				{ kind: 'network', code: failure.code },
				request.method,
				attempt,
				policy,
			);
			if (wait === undefined) {
				throw scrubber.error(heroTransportError(this.getNode(), failure, context, baseUrl));
			}
			await pause(wait, settings.slots);
			continue;
		}

		const status = response.statusCode;
		let body = response.body as unknown;
		if (settings.acceptFile && Buffer.isBuffer(body)) {
			const type = String(header(response.headers as IDataObject, 'content-type') ?? '');
			if (status >= 200 && status < 300 && body.length && !readable(type)) {
				return new HeroFile(
					body,
					type.split(';')[0].trim(),
					dispositionName(header(response.headers as IDataObject, 'content-disposition')),
				);
			}
			body = decoded(body);
		}
		if (status >= 300 && status < 400) {
			const location = header(response.headers as IDataObject, 'location');
			throw scrubber.error(
				heroRedirectError(
					this.getNode(),
					status,
					location === undefined ? undefined : String(location),
					context,
					baseUrl,
				),
			);
		}
		if (status === 429) settings.pacer?.rateLimited();
		else if (status < 500) settings.pacer?.succeeded();
		if (status >= 200 && status < 300) {
			const empty = body === '' || body === undefined || body === null;
			const unreadable = typeof body === 'string' || Buffer.isBuffer(body);
			if (!empty && !unreadable) return settings.scrubbedByCaller ? body : scrubber.deep(body);
			// A write that succeeded may answer with nothing or with text: that is what Hero
			// said. A read must answer JSON.
			if (request.method !== 'GET') {
				if (empty) return undefined;
				return new HeroText(
					scrubber.deep(Buffer.isBuffer(body) ? body.toString('utf8') : String(body)),
				);
			}
			const code = empty ? 'EMPTY_BODY' : 'INVALID_JSON';
			const wait = retryDelay({ kind: 'network', code }, request.method, attempt, policy);
			if (wait === undefined) {
				throw scrubber.error(heroTransportError(this.getNode(), { code }, context, baseUrl));
			}
			await pause(wait, settings.slots);
			continue;
		}
		const wait = retryDelay(
			{
				kind: 'status',
				status,
				retryAfter: header(response.headers as IDataObject, 'retry-after'),
			},
			request.method,
			attempt,
			policy,
		);
		if (wait === undefined) {
			throw scrubber.error(heroStatusError(this.getNode(), status, scrubber.deep(body), context));
		}
		this.logger.debug(`Hero answered ${status}; retrying in ${wait} ms (attempt ${attempt})`);
		await pause(wait, settings.slots);
	}
}
