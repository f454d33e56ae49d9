'use strict';
// A fake Hero Health API on loopback. Every request is checked against the bundled
// description (method, path, parameters, body, both auth headers); anything that breaks it
// is recorded as a violation and answered 400, so a test that sends one fails.
const http = require('http');
const { buildOperations, findOperation, loadSpec, validateRequest } = require('./spec');
const { seed } = require('./data');
const { handlers, HttpError } = require('./handlers');
const { sampleResponse } = require('./sample');
const { deliverEvent, demoPage } = require('./events');
const { scaleTime } = require('./outcomes');

const DEFAULTS = { apiKey: 'test-api-key-7f3a9c', practiceGroupId: '4242', network: ['4243'] };

function sendJson(res, status, body, headers = {}) {
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(text);
}

class TokenBucket {
	constructor(perSecond, burst) {
		this.perSecond = perSecond;
		this.capacity = burst;
		this.tokens = burst;
		this.last = Date.now();
	}
	take() {
		const now = Date.now();
		this.tokens = Math.min(
			this.capacity,
			this.tokens + ((now - this.last) / 1000) * this.perSecond,
		);
		this.last = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return Math.ceil((1 - this.tokens) / this.perSecond);
	}
}

/**
 * createFakeHero(options) → { url, start, close, requests, violations, faults, stats, store, ... }
 * options: apiKey, practiceGroupId, network (other practice groups reachable cross-org),
 * latencyMs (added to each answer), specPath.
 */
function createFakeHero(options = {}) {
	const settings = { ...DEFAULTS, ...options };
	const spec = loadSpec(settings.specPath);
	const operations = buildOperations(spec);
	const sockets = new Set();
	const fake = {
		apiKey: settings.apiKey,
		practiceGroupId: settings.practiceGroupId,
		store: seed({ practiceGroupId: settings.practiceGroupId, ...(settings.seed || {}) }),
		requests: [],
		violations: [],
		faults: [],
		stats: { inFlight: 0, maxInFlight: 0, received: {}, processed: {} },
		rateLimit: undefined,
		gate: undefined,
		/** Field names Hero takes that the bundled description does not document (not violations). */
		undocumented: { body: new Set(), query: new Set() },
		latencyMs: settings.latencyMs || 0,
		url: undefined,
		server: undefined,
		/**
		 * Endpoints Hero may add that the bundled description lacks, for the Custom API Call:
		 * `answer(request)` returns { status, body, contentType }; requests are recorded with their
		 * raw bytes and are not violations.
		 */
		routes: [],
		route(method, path, answer) {
			fake.routes.push({ method, path, answer });
		},
		/** Queue a fault for matching requests: { operationId?, method?, path?, times, ...kind }. */
		inject(fault) {
			fake.faults.push({ times: 1, ...fault });
		},
		/**
		 * How Hero enriches batch messages: { hold: true } keeps every batch CREATED until called
		 * again, { delayMs } before a batch leaves CREATED, or
		 * { failWith: 'ENRICHMENT_ERROR' | 'INVALID_PAYLOAD', reason } for the whole batch.
		 */
		enrichBatches(options = {}) {
			fake.store.batchEnrichment = options;
		},
		/**
		 * Moves time on by `ms` for the messages already sent (outcomes.js): they look that much
		 * older, their times shifted back; messages sent later start from then.
		 */
		advanceClock(ms) {
			fake.store.clockOffsetMs = (fake.store.clockOffsetMs || 0) + ms;
		},
		/** Each real second counts `factor` seconds for messages (1 puts it back). */
		scaleTime(factor) {
			scaleTime(fake.store, factor);
		},
		/** Calls the fake's API as a partner would, with its key; the answer's JSON, or throws. */
		async call(method, pathname, body) {
			const res = await fetch(`${fake.url}${pathname}`, {
				method,
				headers: {
					'content-type': 'application/json',
					'x-api-key': fake.apiKey,
					'x-practice-group-id': fake.practiceGroupId,
				},
				body: body && JSON.stringify(body),
			});
			if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${await res.text()}`);
			return res.json();
		},
		/** Token bucket over all requests; beyond it 429 with Retry-After in seconds. */
		limitRate(perSecond, burst = perSecond) {
			fake.rateLimit = perSecond ? new TokenBucket(perSecond, burst) : undefined;
		},
		/**
		 * Holds every answer until `size` requests are waiting, then answers them all: a client
		 * that allows `size` in flight always reaches it, however slow the machine. A gate that
		 * never fills (the client sent fewer at once) opens after `timeoutMs` and counts it.
		 */
		holdUntil(size, timeoutMs = 10_000) {
			fake.gate = size
				? { size, timeoutMs, waiting: [], timer: undefined, timedOut: 0 }
				: undefined;
		},
		received(operationId) {
			return fake.stats.received[operationId] || 0;
		},
		processed(operationId) {
			return fake.stats.processed[operationId] || 0;
		},
		requestsFor(operationId) {
			return fake.requests.filter((r) => r.operationId === operationId);
		},
		reset() {
			fake.requests.length = 0;
			fake.violations.length = 0;
			fake.faults.length = 0;
			fake.stats = { inFlight: 0, maxInFlight: 0, received: {}, processed: {} };
			fake.rateLimit = undefined;
			fake.undocumented = { body: new Set(), query: new Set() };
			fake.routes = [];
			fake.store.batchEnrichment = undefined;
			if (fake.gate) clearTimeout(fake.gate.timer);
			fake.gate = undefined;
		},
		/** Posts `event`, signed, to every webhook registered for it (see events.js). */
		deliverEvent(event) {
			return deliverEvent(fake, event);
		},
		async start(port = 0, host = '127.0.0.1') {
			fake.server = http.createServer((req, res) => handle(req, res));
			fake.server.on('connection', (socket) => {
				sockets.add(socket);
				socket.on('close', () => sockets.delete(socket));
			});
			await new Promise((resolve, reject) => {
				fake.server.once('error', reject);
				fake.server.listen(port, host, () => {
					fake.server.off('error', reject);
					resolve();
				});
			});
			fake.url = `http://${host}:${fake.server.address().port}`;
			return fake;
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			if (fake.server) await new Promise((resolve) => fake.server.close(resolve));
		},
	};

	function takeFault(op, method, pathname) {
		const index = fake.faults.findIndex(
			(f) =>
				f.times > 0 &&
				(!f.operationId || (op && f.operationId === op.operationId)) &&
				(!f.method || f.method === method) &&
				(!f.path || f.path === pathname),
		);
		if (index < 0) return undefined;
		const fault = fake.faults[index];
		// `after: n` lets the first n matching requests through untouched.
		if (fault.after > 0) {
			fault.after -= 1;
			return undefined;
		}
		fault.times -= 1;
		return fault;
	}

	function run(op, request, pathValues) {
		const handler = handlers[op.operationId];
		try {
			const result = handler
				? handler({
						store: fake.store,
						params: pathValues,
						query: request.query,
						body: request.body,
						headers: request.headers,
						op,
					})
				: sampleResponse(op);
			if (
				result &&
				result.status &&
				Object.keys(result).every((k) => k === 'status' || k === 'body')
			) {
				return { status: result.status, body: result.body };
			}
			return { status: 200, body: result };
		} catch (error) {
			if (error instanceof HttpError) {
				const body = Array.isArray(error.message)
					? { error: true, statusCode: error.status, message: error.message }
					: { error: true, statusCode: error.status, message: error.message };
				return { status: error.status, body };
			}
			throw error;
		}
	}

	function handle(req, res) {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			fake.stats.inFlight += 1;
			fake.stats.maxInFlight = Math.max(fake.stats.maxInFlight, fake.stats.inFlight);
			let done = false;
			const finish = () => {
				if (!done) {
					done = true;
					fake.stats.inFlight -= 1;
				}
			};
			res.on('close', finish);
			const respond = (fn) => {
				if (fake.gate) return gated(fn);
				return fake.latencyMs ? setTimeout(fn, fake.latencyMs) : fn();
			};
			respond(() => {
				try {
					process1(req, res, Buffer.concat(chunks));
				} catch (error) {
					fake.violations.push(`${req.method} ${req.url}: fake server crashed: ${error.stack}`);
					sendJson(res, 500, { error: true, statusCode: 500, message: 'fake server crashed' });
				}
			});
		});
	}

	/** What the description is checked against: the request less the undocumented names. */
	function withoutKeys(values, names) {
		if (!names.size || !values || typeof values !== 'object') return values;
		if (values instanceof URLSearchParams) {
			const kept = new URLSearchParams(values);
			for (const name of names) kept.delete(name);
			return kept;
		}
		return Object.fromEntries(Object.entries(values).filter(([key]) => !names.has(key)));
	}

	function gated(fn) {
		const gate = fake.gate;
		gate.waiting.push(fn);
		const open = () => {
			clearTimeout(gate.timer);
			gate.timer = undefined;
			for (const waiting of gate.waiting.splice(0)) waiting();
		};
		if (gate.waiting.length >= gate.size) return open();
		if (!gate.timer) {
			gate.timer = setTimeout(() => {
				gate.timedOut += 1;
				open();
			}, gate.timeoutMs);
		}
	}

	/** The demo's own routes, outside Hero's API: a page and an endpoint that send events. */
	function demoRoute(req, res, pathname) {
		if (req.method === 'GET' && pathname === '/_demo') {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(demoPage(fake));
			return true;
		}
		// Message outcomes an hour later, for the cascade example: POST /_demo/clock/<hours>.
		const clock = /^\/_demo\/clock\/(\d{1,3})$/.exec(pathname);
		if (req.method === 'POST' && clock) {
			fake.advanceClock(Number(clock[1]) * 3_600_000);
			sendJson(res, 200, { advanced_hours: Number(clock[1]) });
			return true;
		}
		const match = /^\/_demo\/events\/([a-z.-]+)$/.exec(pathname);
		if (req.method === 'POST' && match) {
			deliverEvent(fake, match[1]).then(
				(result) => sendJson(res, 200, result),
				(error) => sendJson(res, 400, { error: error.message }),
			);
			return true;
		}
		return false;
	}

	function process1(req, res, rawBody) {
		const url = new URL(req.url, 'http://fake-hero');
		const method = req.method;
		const pathname = url.pathname;
		if (settings.demo && demoRoute(req, res, pathname)) return;
		const extra = fake.routes.find((r) => r.method === method && r.path === pathname);
		if (extra) {
			const request = {
				method,
				path: pathname,
				headers: { ...req.headers },
				rawBody,
				at: Date.now(),
			};
			fake.requests.push(request);
			if (req.headers['x-api-key'] !== fake.apiKey)
				return sendJson(res, 401, { error: true, statusCode: 401, message: 'Unauthorised' });
			const answer = extra.answer(request);
			res.writeHead(answer.status ?? 200, {
				'content-type': answer.contentType ?? 'application/json',
				...(answer.headers ?? {}),
			});
			return res.end(
				Buffer.isBuffer(answer.body) ? answer.body : JSON.stringify(answer.body ?? {}),
			);
		}
		const op = findOperation(operations, method, pathname);
		let body;
		if (rawBody.length) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = undefined;
			}
		}
		const record = {
			method,
			path: pathname,
			query: Object.fromEntries(
				[...url.searchParams.keys()].map((k) => [k, url.searchParams.getAll(k)]),
			),
			headers: { ...req.headers },
			body,
			operationId: op ? op.operationId : undefined,
			at: Date.now(),
		};
		fake.requests.push(record);
		if (!op) {
			fake.violations.push(`${method} ${pathname}: no such operation in the description`);
			return sendJson(res, 404, { error: true, statusCode: 404, message: 'Not found' });
		}
		fake.stats.received[op.operationId] = (fake.stats.received[op.operationId] || 0) + 1;

		const apiKey = req.headers['x-api-key'];
		const group = req.headers['x-practice-group-id'];
		if (!apiKey || !group) {
			fake.violations.push(
				`${method} ${pathname}: missing ${!apiKey ? 'x-api-key' : 'x-practice-group-id'} header`,
			);
			return sendJson(res, 401, { error: true, statusCode: 401, message: 'Unauthorised' });
		}
		if (apiKey !== fake.apiKey)
			return sendJson(res, 401, { error: true, statusCode: 401, message: 'Unauthorised' });
		if (group !== fake.practiceGroupId && !settings.network.includes(group)) {
			return sendJson(res, 403, {
				error: true,
				statusCode: 403,
				message: 'Practice group not in your network',
			});
		}

		const { problems, pathValues } = validateRequest(op, {
			path: pathname,
			query: withoutKeys(url.searchParams, fake.undocumented.query),
			headers: req.headers,
			rawBody,
			body: withoutKeys(body, fake.undocumented.body),
		});
		if (problems.length) {
			fake.violations.push(`${method} ${pathname} (${op.operationId}): ${problems.join('; ')}`);
			return sendJson(
				res,
				400,
				{
					error: true,
					statusCode: 400,
					message: problems.map((p) => ({ code: 'violation', expected: p, path: [] })),
				},
				{ 'x-fake-hero-violation': '1' },
			);
		}

		if (fake.rateLimit) {
			const wait = fake.rateLimit.take();
			if (wait > 0)
				return sendJson(
					res,
					429,
					{ error: true, statusCode: 429, message: 'Too many requests' },
					{ 'retry-after': String(wait) },
				);
		}

		const fault = takeFault(op, method, pathname);
		if (fault && fault.reset === 'before') return res.socket.destroy();
		if (fault && fault.hang === true) return; // never answers: the client's timeout must fire
		if (fault && fault.status) {
			const headers = { ...(fault.headers || {}) };
			if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
			if (fault.raw !== undefined) {
				res.writeHead(fault.status, {
					'content-type': fault.contentType || 'text/html',
					...headers,
				});
				return res.end(fault.raw);
			}
			return sendJson(
				res,
				fault.status,
				fault.body || { error: true, statusCode: fault.status, message: 'Injected fault' },
				headers,
			);
		}

		const result = run(op, { query: url.searchParams, body, headers: req.headers }, pathValues);
		if (result.status < 400)
			fake.stats.processed[op.operationId] = (fake.stats.processed[op.operationId] || 0) + 1;
		if (fault && fault.reset === 'after') return res.socket.destroy();
		if (fault && fault.hang === 'after') return; // processed, then never answers
		if (fault && fault.raw !== undefined) {
			res.writeHead(200, { 'content-type': fault.contentType || 'application/json' });
			return res.end(fault.raw);
		}
		if (result.status === 204 || (result.body && result.body.status === 204)) {
			res.writeHead(204);
			return res.end();
		}
		return sendJson(res, result.status, result.body);
	}

	return fake;
}

module.exports = { createFakeHero, DEFAULTS };
