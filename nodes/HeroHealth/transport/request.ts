import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { HERO_ENVIRONMENTS } from '../../../credentials/HeroHealthApi.credentials';
import type { ApiScope, HttpMethod } from '../types';
import type { ErrorContext } from './errors';
import { heroStatusError, heroTransportError } from './errors';
import type { Pacer, Slots } from './pacer';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY, retryDelay } from './retry';

export const CREDENTIAL = 'heroHealthApi';


export type HeroContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export interface HeroRequest {
	method: HttpMethod;
	/** Path with IDs already encoded, e.g. `/v1/appointments/123`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Replaces the credential's practice group for a cross-organisational call. */
	practiceGroupId?: string;
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
}

const baseUrls = new WeakMap<object, Promise<string>>();

async function readBaseUrl(context: HeroContext): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL);
	const environment = String(credentials.environment ?? 'production');
	const url =
		environment === 'custom'
			? String(credentials.baseUrl ?? '').trim()
			: HERO_ENVIRONMENTS[environment as keyof typeof HERO_ENVIRONMENTS];
	if (!url || !/^https?:\/\/[^\s/]+/i.test(url)) {
		throw new NodeOperationError(
			context.getNode(),
			'The Base URL in the Hero Health credential is not a web address',
			{
				description:
					'Open the credential and enter a Base URL starting with https:// (or http:// for a local server), or pick a named Environment.',
			},
		);
	}
	return url.replace(/\/+$/, '');
}

/** The credential's base URL, read once per execution context. */
async function heroBaseUrl(context: HeroContext): Promise<string> {
	let url = baseUrls.get(context);
	if (!url) {
		url = readBaseUrl(context);
		baseUrls.set(context, url);
	}
	return await url;
}

/** Waits before a retry without holding the caller's slot. */
async function pause(ms: number, slots?: Slots): Promise<void> {
	slots?.release();
	await sleep(ms);
	await slots?.acquire();
}

function networkCode(error: unknown): string {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string' && /^E[A-Z_]+$|^ERR_/.test(current.code)) {
			return current.code;
		}
		current = current.cause as typeof current;
	}
	return 'ECONNRESET';
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
	const baseUrl = await heroBaseUrl(this);
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
			timeout: settings.timeoutMs ?? 30_000,
		};
		if (request.qs && Object.keys(request.qs).length) options.qs = request.qs;
		if (request.body !== undefined) options.body = request.body;

		let response: IN8nHttpFullResponse;
		try {
			await settings.pacer?.wait();
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL,
				options,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkCode(error);
			const wait = retryDelay({ kind: 'network', code }, request.method, attempt, policy);
			if (wait === undefined) throw heroTransportError(this.getNode(), code, context, baseUrl);
			await pause(wait, settings.slots);
			continue;
		}

		const status = response.statusCode;
		const body = response.body as unknown;
		if (status === 429) settings.pacer?.rateLimited();
		else if (status < 500) settings.pacer?.succeeded();
		if (status >= 200 && status < 300) {
			const empty = body === '' || body === undefined || body === null;
			const unreadable = typeof body === 'string' || Buffer.isBuffer(body);
			// A write that succeeded may answer with nothing; a read never should.
			if (!empty && !unreadable) return body;
			if (empty && request.method !== 'GET') return undefined;
			const code = empty ? 'EMPTY_BODY' : 'INVALID_JSON';
			const wait = retryDelay({ kind: 'network', code }, request.method, attempt, policy);
			if (wait === undefined) throw heroTransportError(this.getNode(), code, context, baseUrl);
			await pause(wait, settings.slots);
			continue;
		}
		const wait = retryDelay(
			{ kind: 'status', status, retryAfter: header(response.headers as IDataObject, 'retry-after') },
			request.method,
			attempt,
			policy,
		);
		if (wait === undefined) throw heroStatusError(this.getNode(), status, body, context);
		this.logger.debug(`Hero answered ${status}; retrying in ${wait} ms (attempt ${attempt})`);
		await pause(wait, settings.slots);
	}
}
