import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

function rawAt(parameters: INodeParameters, path: string): unknown {
	let node: unknown = parameters;
	for (const part of path.split('.')) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<string, unknown>)[part];
	}
	return node;
}

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/**
 * Reads parameters per item, but evaluates only those holding an expression: a parameter
 * without one has the same value for every item, and n8n's evaluation (a data proxy per call)
 * is most of the engine's cost on thousands of items. Returned values are shared: read only.
 */
export class ParameterReader {
	private readonly cache = new Map<string, unknown>();

	private readonly dynamic = new Map<string, boolean>();

	constructor(private readonly context: IExecuteFunctions) {}

	get<T = unknown>(name: string, itemIndex: number, fallback?: unknown, extractValue = false): T {
		const read = () =>
			this.context.getNodeParameter(name, itemIndex, fallback, { extractValue }) as unknown;
		let dynamic = this.dynamic.get(name);
		if (dynamic === undefined) {
			dynamic = hasExpression(rawAt(this.context.getNode().parameters, name));
			this.dynamic.set(name, dynamic);
		}
		if (dynamic) return read() as T;
		const key = `${name}\u0000${extractValue}`;
		if (!this.cache.has(key)) this.cache.set(key, read());
		return this.cache.get(key) as T;
	}
}
