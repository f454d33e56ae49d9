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

interface Parameter {
	dynamic: boolean;
	/** The item's field it maps, if it maps one. */
	field?: string;
	/** Its value, for one without an expression: read once, as is and with the value extracted. */
	value?: { read: unknown };
	extracted?: { read: unknown };
}

/**
 * Reads parameters per item, but evaluates only those holding an expression: a parameter
 * without one has the same value for every item, and n8n's evaluation (a data proxy per call)
 * is most of the engine's cost on thousands of items. Returned values are shared: read only.
 */
export class ParameterReader {
	private readonly parameters = new Map<string, Parameter>();

	private items?: ReturnType<IExecuteFunctions['getInputData']>;

	constructor(private readonly context: IExecuteFunctions) {}

	/** Whether the parameter holds an expression, so may differ between items (read it first). */
	varies(name: string): boolean {
		return this.parameters.get(name)?.dynamic !== false;
	}

	get<T = unknown>(name: string, itemIndex: number, fallback?: unknown, extractValue = false): T {
		let parameter = this.parameters.get(name);
		if (parameter === undefined) {
			const raw = valueAt(this.context.getNode().parameters, name);
			parameter = { dynamic: hasExpression(raw), field: mappedField(raw) };
			this.parameters.set(name, parameter);
		}
		// `{{ $json.field }}` is the item's field: read it directly. n8n 2.x evaluates each
		// expression in an isolate, about a millisecond per item.
		if (parameter.field !== undefined) {
			this.items ??= this.context.getInputData();
			const value = this.items[itemIndex]?.json?.[parameter.field];
			return (value === undefined ? fallback : value) as T;
		}
		if (parameter.dynamic) return this.read(name, itemIndex, fallback, extractValue) as T;
		const key = extractValue ? 'extracted' : 'value';
		parameter[key] ??= { read: this.read(name, itemIndex, fallback, extractValue) };
		return parameter[key].read as T;
	}

	private read(name: string, itemIndex: number, fallback: unknown, extractValue: boolean): unknown {
		return this.context.getNodeParameter(name, itemIndex, fallback, { extractValue });
	}
}
