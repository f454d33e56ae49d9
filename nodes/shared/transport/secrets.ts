import type { IDataObject } from 'n8n-workflow';

// Secrets never leave in any text: the API key, webhook signing keys and access tokens are
// replaced wherever they appear in what the nodes emit (error messages and descriptions, output
// items, the trigger's record_error), in any form a server or proxy could repeat them in.

/** Fragments shorter than this are not secret enough to find, nor safe to replace. */
const MIN_FRAGMENT = 10;

const MARK = '[hidden]';

/** JSON Web Tokens and bearer credentials, whoever issued them (Hero Elements access tokens). */
const TOKENS = [/eyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]{6,}/g, /\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi];

function base64Cores(secret: string): string[] {
	// Inside a longer base64 text, the secret's bytes encode differently at each of three
	// alignments; the characters not touched by its neighbours are the same wherever it sits.
	const cores: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret, 'utf8')]).toString(
			'base64',
		);
		const start = Math.ceil((offset * 4) / 3);
		const core = encoded.slice(start, encoded.length - 4);
		if (core.length >= MIN_FRAGMENT) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return cores;
}

/** Every run of characters that gives a secret away: itself, encoded, or a large part of it. */
function formsOf(secret: string): string[] {
	const forms = new Set<string>([secret, encodeURIComponent(secret), ...base64Cores(secret)]);
	// A secret split across two places (a proxy's echo cut in two) still shows its halves.
	const length = Math.max(MIN_FRAGMENT, Math.ceil(secret.length / 3));
	for (let start = 0; start + length <= secret.length; start++) {
		forms.add(secret.slice(start, start + length));
	}
	return [...forms].filter((form) => form.length >= MIN_FRAGMENT);
}

// Every form is at least MIN_FRAGMENT long, so a text holding one holds its first MIN_FRAGMENT
// characters: a rolling hash of each such run finds the few texts worth searching form by form.
const BASE = 0x01000193;
let POW = 1;
for (let i = 1; i < MIN_FRAGMENT; i++) POW = Math.imul(POW, BASE);

function headHash(text: string): number {
	let hash = 0;
	for (let i = 0; i < MIN_FRAGMENT; i++) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
	return hash;
}

const bucketOf = (hash: number) => (hash ^ (hash >>> 15)) & 0xffff;

export class Scrubber {
	private forms: string[] = [];

	/** The hashes of the forms' first MIN_FRAGMENT characters, and a bitmap of their buckets. */
	private heads = new Set<number>();

	private buckets = new Int32Array(0x10000 / 32);

	constructor(secrets: Iterable<string | undefined> = []) {
		for (const secret of secrets) this.add(secret);
	}

	/** Adds a secret; one too short to find safely (under 10 characters) is skipped. */
	add(secret: string | undefined): this {
		if (secret && secret.length >= MIN_FRAGMENT) {
			this.forms = [...new Set([...this.forms, ...formsOf(secret)])].sort(
				(a, b) => b.length - a.length,
			);
			this.indexForms();
		}
		return this;
	}

	/** Rebuilds the hashes and bitmap that `contains` looks in first. */
	private indexForms(): void {
		this.heads = new Set(this.forms.map(headHash));
		this.buckets = new Int32Array(0x10000 / 32);
		for (const hash of this.heads) {
			const bucket = bucketOf(hash);
			this.buckets[bucket >>> 5] |= 1 << (bucket & 31);
		}
	}

	/** A scrubber knowing this one's secrets and `more`. */
	with(more: Array<string | undefined>): Scrubber {
		const added = more.filter((secret): secret is string => Boolean(secret));
		// Most requests add nothing: share this one rather than copy it.
		if (added.length === 0) return this;
		const copy = new Scrubber();
		copy.forms = this.forms;
		copy.heads = this.heads;
		copy.buckets = this.buckets;
		for (const secret of added) copy.add(secret);
		return copy;
	}

	/** Whether the text holds a form of a secret: one pass over it, then form by form if it may. */
	private contains(text: string): boolean {
		if (text.length < MIN_FRAGMENT || this.forms.length === 0) return false;
		const { buckets, heads } = this;
		let hash = headHash(text);
		for (let end = MIN_FRAGMENT; ; end++) {
			const bucket = bucketOf(hash);
			if (buckets[bucket >>> 5] & (1 << (bucket & 31)) && heads.has(hash))
				return this.forms.some((form) => text.includes(form));
			if (end === text.length) return false;
			hash =
				(Math.imul(hash - Math.imul(text.charCodeAt(end - MIN_FRAGMENT), POW), BASE) +
					text.charCodeAt(end)) |
				0;
		}
	}

	/** Whether any string or key in the value holds a form of a secret. */
	private holds(value: unknown): boolean {
		if (typeof value === 'string') return this.contains(value);
		if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return false;
		if (Array.isArray(value)) return value.some((entry) => this.holds(entry));
		for (const key of Object.keys(value)) {
			if (this.contains(key) || this.holds((value as IDataObject)[key])) return true;
		}
		return false;
	}

	/** Every form of every secret replaced: each run of characters a form covers, once. */
	private withoutSecrets(text: string): string {
		if (!this.contains(text)) return text;
		const covered = new Array<boolean>(text.length).fill(false);
		for (const form of this.forms) {
			for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
				covered.fill(true, at, at + form.length);
			}
		}
		let out = '';
		for (let i = 0; i < text.length; i++) {
			if (!covered[i]) out += text[i];
			else if (i === 0 || !covered[i - 1]) out += MARK;
		}
		return out;
	}

	/** Text for an error or a log: every secret, and any token, replaced. */
	text(text: string): string {
		let clean = this.withoutSecrets(text);
		for (const token of TOKENS) clean = clean.replace(token, MARK);
		return clean;
	}

	/** The error as the user sees it: its message and description without any secret. */
	error<T extends Error & { description?: string | null }>(error: T): T {
		error.message = this.text(error.message);
		if (typeof error.description === 'string') error.description = this.text(error.description);
		return error;
	}

	/**
	 * A Dry Run's preview: every string and key with its secrets and any token hidden, as a run's
	 * errors are (a preview never needs a token), including `more` secrets the request carries.
	 */
	preview<T>(value: T, more: Array<string | undefined> = []): T {
		const scrubber = this.with(more);
		return everyString(value, (text) => scrubber.text(text));
	}

	/**
	 * A value with its strings scrubbed of secrets (tokens are kept: an operation may return one
	 * on purpose). Returns the value itself when it holds none, so a clean answer costs one scan.
	 */
	deep<T>(value: T): T {
		if (this.forms.length === 0 || value === undefined || value === null) return value;
		if (typeof value === 'string') return this.withoutSecrets(value) as T;
		if (!this.holds(value)) return value;
		return everyString(value, (text) => this.withoutSecrets(text));
	}
}

/** A copy of `value` with `clean` applied to every string in it, keys included. */
function everyString<T>(value: T, clean: (text: string) => string): T {
	const walk = (entry: unknown): unknown => {
		if (typeof entry === 'string') return clean(entry);
		if (Array.isArray(entry)) return entry.map(walk);
		if (entry && typeof entry === 'object') {
			const out: IDataObject = {};
			for (const [key, inner] of Object.entries(entry)) {
				out[clean(key)] = walk(inner) as IDataObject[string];
			}
			return out;
		}
		return entry;
	};
	return walk(value) as T;
}
