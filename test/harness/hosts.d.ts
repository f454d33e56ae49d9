export interface OtherHost {
	url: string;
	/** host:port, as an error names it. */
	host: string;
	requests: Array<{ method: string; url: string; headers: Record<string, unknown> }>;
	/** Every byte received, headers included. */
	bytes(): string;
	reset(): void;
	close(): Promise<void>;
}

export interface TlsHost {
	url: string;
	connections(): number;
	close(): Promise<void>;
}

export declare function startOtherHost(): Promise<OtherHost>;
export declare function startTlsHost(): Promise<TlsHost>;
