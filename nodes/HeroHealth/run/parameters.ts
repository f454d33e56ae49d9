import type { IExecuteFunctions } from 'n8n-workflow';

import { valueAt } from './paths';

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/** `={{ $json.field }}`, the commonest mapping: the field's name, else undefined. */
function simpleJsonField(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	return /^=\{\{\s*\$json\.([A-Za-z_$][\w$]*)\s*\}\}$/.exec(value)?.[1];
}

/**
 * Where a parameter maps one field of the item, the field to read; undefined when n8n must
 * evaluate it. A resource locator qualifies in its list or ID mode (neither extracts anything).
 */
function mappedField(raw: unknown): string | undefined {
	if (raw && typeof raw === 'object' && (raw as { __rl?: boolean }).__rl) {
		const { mode, value } = raw as { mode?: string; value?: unknown };
		return mode === 'id' || mode === 'list' ? simpleJsonField(value) : undefined;
	}
	return simpleJsonField(raw);
}

/**
 * Reads parameters per item, but evaluates only those holding an expression: a parameter
 * without one has the same value for every item, and n8n's evaluation (a data proxy per call)
 * is most of the engine's cost on thousands of items. Returned values are shared: read only.
 */
export class ParameterReader {
	private readonly cache = new Map<string, unknown>();

	private readonly dynamic = new Map<string, boolean>();

	private readonly fields = new Map<string, string | undefined>();

	private items?: ReturnType<IExecuteFunctions['getInputData']>;

	constructor(private readonly context: IExecuteFunctions) {}

	/** Whether the parameter holds an expression, so may differ between items (read it first). */
	varies(name: string): boolean {
		return this.dynamic.get(name) !== false;
	}

	get<T = unknown>(name: string, itemIndex: number, fallback?: unknown, extractValue = false): T {
		const read = () =>
			this.context.getNodeParameter(name, itemIndex, fallback, { extractValue }) as unknown;
		let dynamic = this.dynamic.get(name);
		if (dynamic === undefined) {
			const raw = valueAt(this.context.getNode().parameters, name);
			dynamic = hasExpression(raw);
			this.dynamic.set(name, dynamic);
			this.fields.set(name, mappedField(raw));
		}
		// `{{ $json.field }}` is the item's field: read it directly. n8n 2.x evaluates each
		// expression in an isolate, about a millisecond per item.
		const field = this.fields.get(name);
		if (field !== undefined) {
			this.items ??= this.context.getInputData();
			const value = this.items[itemIndex]?.json?.[field];
			return (value === undefined ? fallback : value) as T;
		}
		if (dynamic) return read() as T;
		const key = `${name}\u0000${extractValue}`;
		if (!this.cache.has(key)) this.cache.set(key, read());
		return this.cache.get(key) as T;
	}
}
