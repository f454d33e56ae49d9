import type { IDataObject } from 'n8n-workflow';

// Dotted paths into plain objects: `requestOptions.timeout` in parameters, `address.line_1` in a body.

/** The value at a dotted path, or undefined where the path leaves the object. */
export function valueAt(target: unknown, path: string): unknown {
	let node: unknown = target;
	for (const part of path.split('.')) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<string, unknown>)[part];
	}
	return node;
}

/** Sets the value at a dotted path, making the objects on the way. */
export function setPath(target: IDataObject, path: string, value: unknown): void {
	const parts = path.split('.');
	let node = target;
	for (const part of parts.slice(0, -1)) {
		if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
		node = node[part] as IDataObject;
	}
	node[parts[parts.length - 1]] = value as IDataObject[string];
}

export const isPlainObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);
