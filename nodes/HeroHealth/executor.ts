import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectionOf } from './description';
import { ParameterReader } from './parameters';
import type { HeroRequest, RequestSettings } from './transport';
import { DEFAULT_RETRY, heroRequest, heroRequestPages, Pacer, recordsOf, runWithConcurrency, Slots } from './transport';
import type { HeroField, HeroOperation, HeroResource, HttpMethod } from './types';
import { FieldValueError } from './types';

export function findOperation(
	resources: HeroResource[],
	resource: string,
	operation: string,
): HeroOperation | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}

function setPath(target: IDataObject, key: string, value: unknown): void {
	const parts = key.split('.');
	let node = target;
	for (const part of parts.slice(0, -1)) {
		if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
		node = node[part] as IDataObject;
	}
	node[parts[parts.length - 1]] = value as IDataObject[string];
}

function isShown(read: ParameterReader, field: HeroField, itemIndex: number): boolean {
	if (!field.showWhen) return true;
	return Object.entries(field.showWhen).every(([name, values]) =>
		values.includes(read.get<string>(name, itemIndex)),
	);
}

/** The Custom API Call's request, from its Method, Path, Query and Body controls. */
function customRequest(controls: Record<string, unknown>): BuiltRequest {
	const request: BuiltRequest = {
		method: controls.method as HttpMethod,
		path: String(controls.path),
		qs: (controls.query as IDataObject) ?? {},
	};
	if (controls.body !== undefined) request.body = controls.body as IDataObject;
	return request;
}

export interface BuiltRequest extends HeroRequest {
	/** The ID in the path, for error messages. */
	id?: string;
}

/**
 * Reads and checks every field of one item. Throws a NodeOperationError naming the field and
 * the item before anything is sent.
 */
export function buildRequest(
	context: IExecuteFunctions,
	operation: HeroOperation,
	itemIndex: number,
	read = new ParameterReader(context),
): BuiltRequest {
	const node = context.getNode();
	const collection = operation.fields.some((f) => !f.required)
		? read.get<IDataObject>(collectionOf(operation).name, itemIndex, {})
		: {};
	const pathValues: Record<string, string> = {};
	const controls: Record<string, unknown> = {};
	const qs: IDataObject = {};
	const body: IDataObject = {};
	let hasBody = false;

	for (const field of operation.fields) {
		const { displayName, name, type } = field.property;
		let raw: unknown;
		if (field.required) {
			if (!isShown(read, field, itemIndex)) continue;
			raw = read.get(name, itemIndex, undefined, type === 'resourceLocator');
		} else {
			if (!(name in collection)) continue;
			raw = collection[name];
		}
		let value: unknown;
		try {
			value = field.normalise ? field.normalise(raw) : raw;
		} catch (error) {
			if (!(error instanceof FieldValueError)) {
				throw new NodeOperationError(node, error as Error, { itemIndex });
			}
			throw new NodeOperationError(node, `[item ${itemIndex}] ${displayName}: ${error.message}`, {
				itemIndex,
				description: `Correct ${displayName} on item ${itemIndex}; nothing was sent to Hero for this item.`,
			});
		}
		if (value === undefined) {
			if (field.required && field.in !== 'none') {
				throw new NodeOperationError(node, `[item ${itemIndex}] ${displayName} is required`, {
					itemIndex,
					description: `Enter ${displayName}, or map it from the input with an expression.`,
				});
			}
			continue;
		}
		if (field.in === 'none') controls[field.key] = value;
		else if (field.in === 'path') pathValues[field.key] = String(value);
		else if (field.in === 'query') qs[field.key] = value as IDataObject[string];
		else if (field.in === 'body') {
			setPath(body, field.key, value);
			hasBody = true;
		}
	}
	if (operation.custom) return customRequest(controls);

	// Path values were checked by their normaliser; encoding is a second lock on the path.
	const path = operation.path.replace(/\{(\w+)\}/g, (_, key: string) =>
		encodeURIComponent(pathValues[key] ?? ''),
	);
	const request: BuiltRequest = { method: operation.method, path, qs };
	if (hasBody || ['POST', 'PUT', 'PATCH'].includes(operation.method)) request.body = body;
	const problem = operation.check?.(request);
	if (problem) {
		throw new NodeOperationError(node, `[item ${itemIndex}] ${problem.field}: ${problem.message}`, {
			itemIndex,
			description: `Correct ${problem.field} on item ${itemIndex}; nothing was sent to Hero for this item.`,
		});
	}
	const pathId = Object.values(pathValues)[0];
	if (pathId) request.id = pathId;
	return request;
}

function pick(record: IDataObject, keys: string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) if (key in record) out[key] = record[key];
	return out;
}

function asRecords(body: unknown, operation: HeroOperation): IDataObject[] {
	if (operation.output) {
		const shaped = operation.output(body);
		return Array.isArray(shaped) ? shaped : [shaped];
	}
	if (body === undefined) return [operation.method === 'DELETE' ? { deleted: true } : { success: true }];
	if (Array.isArray(body)) return body.map((entry) => (typeof entry === 'object' ? entry : { value: entry }));
	if (typeof body !== 'object' || body === null) return [{ value: body as string }];
	return [body as IDataObject];
}

async function runItem(
	context: IExecuteFunctions,
	read: ParameterReader,
	operation: HeroOperation,
	itemIndex: number,
	settings: RequestSettings,
): Promise<IDataObject[]> {
	const request = buildRequest(context, operation, itemIndex, read);
	const practiceGroupId = String(read.get('requestOptions.practiceGroupId', itemIndex, '') ?? '').trim();
	if (practiceGroupId) {
		if (!/^\d+$/.test(practiceGroupId)) {
			throw new NodeOperationError(
				context.getNode(),
				`[item ${itemIndex}] Practice Group ID: must be a numeric Hero ID such as 12345`,
				{ itemIndex },
			);
		}
		request.practiceGroupId = practiceGroupId;
	}
	const itemSettings: RequestSettings = {
		...settings,
		itemIndex,
		scope: operation.scope,
		subject: operation.subject,
		id: request.id,
	};

	let records: IDataObject[];
	if (operation.list) {
		const returnAll = read.get<boolean>('returnAll', itemIndex, false);
		const limit = returnAll ? undefined : read.get<number>('limit', itemIndex, 50);
		if (operation.list.paginated) {
			records = await heroRequestPages.call(context, request, itemSettings, {
				limit,
				dataKey: operation.list.dataKey,
			});
		} else {
			const body = await heroRequest.call(context, request, itemSettings);
			records = operation.output ? asRecords(body, operation) : recordsOf(body, operation.list.dataKey);
			if (limit !== undefined) records = records.slice(0, limit);
		}
	} else {
		records = asRecords(await heroRequest.call(context, request, itemSettings), operation);
	}
	if (operation.simplify && read.get<boolean>('simplify', itemIndex, true)) {
		const keys = operation.simplify;
		records = records.map((record) => pick(record, keys));
	}
	return records;
}

function errorJson(error: Error & { description?: unknown }): IDataObject {
	const json: IDataObject = { error: error.message };
	if (typeof error.description === 'string' && error.description) json.description = error.description;
	return json;
}

/**
 * Runs one operation over every input item: at most Concurrency at a time, output in input
 * order with pairedItem, Continue On Fail per item. Without it, the first failure stops new
 * items from starting and the error says which items had already gone through.
 */
export async function executeOperation(
	this: IExecuteFunctions,
	resources: HeroResource[],
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationValue = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resources, resource, operationValue);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationValue}" of "${resource}" is not known to this version of the node`,
			{ description: 'Pick the operation again from the Operation list.' },
		);
	}
	const continueOnFail = this.continueOnFail();
	let failure: { index: number; error: Error & { description?: string | null } } | undefined;
	const options = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const concurrency = Math.max(1, Math.min(50, Number(options.concurrency ?? 5) || 5));
	const settings: RequestSettings = {
		retry: { ...DEFAULT_RETRY, maxAttempts: Math.max(1, Number(options.maxAttempts ?? DEFAULT_RETRY.maxAttempts)) },
		timeoutMs: Math.max(1, Number(options.timeout ?? 30)) * 1000,
		pacer: new Pacer(),
		slots: new Slots(concurrency),
	};

	const read = new ParameterReader(this);
	const results: INodeExecutionData[][] = new Array(items.length);

	// More items than slots are under way: an item waiting out a Retry-After gives its slot to
	// the next one, and Concurrency still bounds the requests in flight.
	await runWithConcurrency(
		items.length,
		concurrency * 10,
		async (index) => {
			await settings.slots?.acquire();
			// Checked with the slot held: a failed item keeps its slot until it is recorded.
			if (failure) {
				settings.slots?.release();
				return;
			}
			try {
				const records = await runItem(this, read, operation, index, settings);
				results[index] = records.map((json) => ({ json, pairedItem: { item: index } }));
			} catch (error) {
				if (continueOnFail) {
					results[index] = [{ json: errorJson(error), pairedItem: { item: index } }];
				} else if (!failure) {
					failure = { index, error };
				}
			} finally {
				settings.slots?.release();
			}
		},
		() => failure !== undefined,
	);

	if (failure) {
		const done = results
			.map((result, index) => (result ? index : -1))
			.filter((index) => index >= 0);
		if (done.length) {
			const note = `Items ${done.join(', ')} had already been processed by Hero; running the node again repeats them. Turn on Settings > On Error > Continue to keep successful items in the output.`;
			failure.error.description = [failure.error.description, note].filter(Boolean).join('\n');
		}
		if (failure.error instanceof NodeOperationError || failure.error.name === 'NodeApiError') {
			throw failure.error;
		}
		throw new NodeOperationError(this.getNode(), failure.error, { itemIndex: failure.index });
	}
	return [results.flat()];
}
