export interface FakeHeroOptions {
	apiKey?: string;
	practiceGroupId?: string;
	network?: string[];
	latencyMs?: number;
	specPath?: string;
	seed?: { patients?: number; admins?: number; episodes?: number };
	/** Serve the demo's page (/_demo) and event endpoint (/_demo/events/<event>). */
	demo?: boolean;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string[]>;
	headers: Record<string, string | string[] | undefined>;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded JSON of any shape
	body: any;
	operationId?: string;
	/** The bytes sent, for a route() outside the description. */
	rawBody?: Buffer;
	at: number;
}

export interface Fault {
	operationId?: string;
	method?: string;
	path?: string;
	times?: number;
	/** Let this many matching requests through before the fault applies. */
	after?: number;
	status?: number;
	retryAfter?: string | number;
	body?: unknown;
	raw?: string;
	contentType?: string;
	headers?: Record<string, string>;
	reset?: 'before' | 'after';
	/** true: never answer; 'after': process, then never answer. */
	hang?: boolean | 'after';
}

export interface FakeHero {
	url: string;
	apiKey: string;
	practiceGroupId: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- seeded records, read freely in tests
	store: any;
	requests: RecordedRequest[];
	violations: string[];
	faults: Fault[];
	stats: {
		inFlight: number;
		maxInFlight: number;
		received: Record<string, number>;
		processed: Record<string, number>;
	};
	latencyMs: number;
	gate?: { size: number; timedOut: number };
	/** Field names Hero takes that the bundled description does not document; reset after each test. */
	undocumented: { body: Set<string>; query: Set<string> };
	inject(fault: Fault): void;
	/** How Hero enriches batch messages: a delay, or a whole batch refused with a reason. */
	enrichBatches(options?: {
		hold?: boolean;
		delayMs?: number;
		failWith?: 'ENRICHMENT_ERROR' | 'INVALID_PAYLOAD';
		reason?: string;
	}): void;
	/** An endpoint the bundled description lacks (one Hero may add), for the Custom API Call. */
	route(
		method: string,
		path: string,
		answer: (request: RecordedRequest) => {
			status?: number;
			body?: unknown;
			contentType?: string;
			headers?: Record<string, string>;
		},
	): void;
	/** Moves the clock of message outcomes on (queued, sent, delivered, read, failed over time). */
	advanceClock(ms: number): void;
	/** Each real second counts `factor` seconds for message outcomes (1 puts it back). */
	scaleTime(factor: number): void;
	/** Calls the fake's API as a partner would, with its key; the answer's JSON, or throws. */
	call(method: string, pathname: string, body?: unknown): Promise<Record<string, unknown>>;
	limitRate(perSecond: number, burst?: number): void;
	/** Answers nothing until `size` requests wait, then answers them together. */
	holdUntil(size: number, timeoutMs?: number): void;
	received(operationId: string): number;
	processed(operationId: string): number;
	requestsFor(operationId: string): RecordedRequest[];
	reset(): void;
	deliverEvent(event: string): Promise<{
		event: string;
		object: string;
		id: string;
		deliveries: Array<{ url: string; status?: number; error?: string }>;
	}>;
	start(port?: number, host?: string): Promise<FakeHero>;
	close(): Promise<void>;
}

export declare function createFakeHero(options?: FakeHeroOptions): FakeHero;
export declare const DEFAULTS: { apiKey: string; practiceGroupId: string; network: string[] };
