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

const templates = new Map<string, string[]>();

/**
 * An operation's path with its `{name}`s filled, each value encoded: the values were checked
 * by their rule, and encoding is a second lock on the path. The template is split once.
 */
export function filledPath(template: string, values: Record<string, string>): string {
	let parts = templates.get(template);
	if (!parts) {
		// Odd places hold the names: "/v1/patients/{patient_id}" -> ["/v1/patients/", "patient_id", ""].
		parts = template.split(/\{(\w+)\}/);
		templates.set(template, parts);
	}
	let path = parts[0];
	for (let i = 1; i < parts.length; i += 2) {
		path += encodeURIComponent(values[parts[i]] ?? '') + parts[i + 1];
	}
	return path;
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
