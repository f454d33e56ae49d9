import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normaliseBoolean, normaliseId, normaliseNumberIn } from '../shared/normalise';
import type { HeroRequest, RequestSettings } from '../shared/transport';
import {
	DEFAULT_RETRY,
	heroRequest,
	HeroFile,
	heroRequestPages,
	HeroText,
	practiceGroupFor,
	recordsOf,
	runWithConcurrency,
	wholeList,
	scrubberFor,
	sharedPacer,
	Slots,
} from '../shared/transport';
import { cut, mayHaveActed } from '../shared/transport/errors';
import type { OutputMode } from '../shared/output';
import { keptOf, pick } from '../shared/output';
import type { Scrubber } from '../shared/secrets';
import type { SendWindow } from '../shared/sendWindow';
import type { HttpMethod } from '../shared/types';
import { FieldValueError } from '../shared/types';
import type { HeroField, HeroOperation, HeroResource } from './model';
import { byRule, checkedHatch, HatchError, knownOperation, pathValues } from './edge';
import { collectionOf, findOperation, needsAChange, stands, writes } from './model';
import { ParameterReader } from './parameters';
import type { ContactabilityMode, SendWindowMode } from './safety';
import { ContactabilityGuard, OutsideSendWindow, withinSendWindow } from './safety';
import { sendToMany } from './sendToMany';

// The runtime: reads the operation model and sends through the shared transport; the editor's
// description is not needed to run.

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

function fieldError(
	context: IExecuteFunctions,
	displayName: string,
	itemIndex: number,
	message: string,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`[item ${itemIndex}] ${displayName}: ${message}`,
		{
			itemIndex,
			description: `Correct ${displayName} on item ${itemIndex}; nothing was sent to Hero for this item.`,
		},
	);
}

/** Runs a field's check, turning what it refuses into an error naming the field and item. */
function checked<T>(
	context: IExecuteFunctions,
	displayName: string,
	itemIndex: number,
	check: () => T,
): T {
	try {
		return check();
	} catch (error) {
		if (error instanceof FieldValueError)
			throw fieldError(context, displayName, itemIndex, error.message);
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

/**
 * A node setting (Return All, Limit, Simplify, Request Options) read with the same strict
 * checks as the fields: "false" is false, "5 minutes" is an error, never NaN.
 */
function setting<T>(
	context: IExecuteFunctions,
	read: ParameterReader,
	name: string,
	displayName: string,
	itemIndex: number,
	fallback: T,
	normalise: (value: unknown) => T | undefined,
): T {
	const raw = read.get(name, itemIndex, fallback);
	return checked(context, displayName, itemIndex, () => normalise(raw)) ?? fallback;
}

/** The practice an item acts for (Request Options > Practice Group ID); undefined: the credential's. */
function practiceOf(
	context: IExecuteFunctions,
	read: ParameterReader,
	itemIndex: number,
): string | undefined {
	return (
		setting(
			context,
			read,
			'requestOptions.practiceGroupId',
			'Practice Group ID',
			itemIndex,
			'',
			normaliseId,
		) || undefined
	);
}

const LIMIT = normaliseNumberIn({ min: 1 });
const CONCURRENCY = normaliseNumberIn({ min: 1, max: 50 });
const MAX_ATTEMPTS = normaliseNumberIn({ min: 1, max: 10 });
const TIMEOUT = normaliseNumberIn({ min: 1, max: 600, integer: false });

/** A hand-made object checked at the edge; what a rule refuses names the control and the key. */
function atEdge<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	control: string,
	check: () => T,
): T {
	try {
		return check();
	} catch (error) {
		if (error instanceof HatchError) {
			const named = error.field ? `${error.key} (${error.field})` : error.key;
			throw fieldError(context, control, itemIndex, `${named} ${error.message}`);
		}
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

/**
 * A Custom API Call to an endpoint the node knows meets that operation's field rules: its query
 * and body keys are checked as the operation's own fields would be, and its cross-field check runs.
 */
function checkedCustomRequest(
	context: IExecuteFunctions,
	request: BuiltRequest,
	resources: HeroResource[],
	itemIndex: number,
): BuiltRequest {
	const known = knownOperation(resources, request.method, request.path);
	if (!known) return request;
	const checked: BuiltRequest = { ...request };
	// IDs in the path meet the rules of the operation's path fields (a numeric Hero ID).
	for (const [name, value] of Object.entries(pathValues(known.path, request.path))) {
		const field = known.fields.find((f) => f.place === 'path' && f.apiKey === name);
		if (!field) continue;
		const checked = byRule(field, decodeURIComponent(value));
		if ('problem' in checked) {
			throw fieldError(
				context,
				'Path',
				itemIndex,
				`${name} (${field.property.displayName}) ${checked.problem}`,
			);
		}
	}
	if (request.qs)
		checked.qs = atEdge(context, itemIndex, 'Query Parameters', () =>
			checkedHatch(request.qs!, known.fields, 'query', {}),
		);
	if (request.body)
		checked.body = atEdge(context, itemIndex, 'Body', () =>
			checkedHatch(request.body!, known.fields, 'body', {}),
		);
	const problem = known.check?.(checked);
	if (problem) throw fieldError(context, `Body > ${problem.field}`, itemIndex, problem.message);
	return checked;
}

export interface BuiltRequest extends HeroRequest {
	/** The ID in the path, for error messages. */
	id?: string;
	/** The input binary field whose file is sent; read by withFile when the item runs. */
	binary?: { property: string; displayName: string; apiKey: string; fileNameKey?: string };
	/** The file read from it, as n8n's binary data describes it. */
	fileInfo?: { file_name?: string; mime_type: string; file_size: number };
	/** Values of choices that steer the node, not sent (Send Window, Contactability Check). */
	controls?: Record<string, unknown>;
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
	resources: HeroResource[] = [],
): BuiltRequest {
	const node = context.getNode();
	const collection = operation.fields.some((f) => !stands(f))
		? read.get<IDataObject>(collectionOf(operation).name, itemIndex, {})
		: {};
	const pathValues: Record<string, string> = {};
	const controls: Record<string, unknown> = {};
	let qs: IDataObject = {};
	let body: IDataObject = {};
	let hasBody = false;
	let extraBody: IDataObject | undefined;
	let extraQuery: IDataObject | undefined;
	let binary: BuiltRequest['binary'];

	for (const field of operation.fields) {
		const { displayName, name, type } = field.property;
		let raw: unknown;
		if (stands(field)) {
			if (!isShown(read, field, itemIndex)) continue;
			raw = read.get(name, itemIndex, undefined, type === 'resourceLocator');
		} else {
			if (!(name in collection)) continue;
			raw = collection[name];
			// A locator among optional fields arrives whole; From List and By ID both hold the ID.
			if (type === 'resourceLocator' && raw && typeof raw === 'object' && '__rl' in raw) {
				raw = (raw as { value?: unknown }).value;
			}
		}
		const value = checked(context, displayName, itemIndex, () =>
			field.normalise ? field.normalise(raw) : raw,
		);
		if (value === undefined) {
			if (field.required && field.place !== 'none') {
				throw new NodeOperationError(node, `[item ${itemIndex}] ${displayName} is required`, {
					itemIndex,
					description: `Enter ${displayName}, or map it from the input with an expression.`,
				});
			}
			continue;
		}
		if (field.place === 'none') controls[field.apiKey] = value;
		else if (field.place === 'extraBody') extraBody = value as IDataObject;
		else if (field.place === 'extraQuery') extraQuery = value as IDataObject;
		else if (field.place === 'binary') {
			binary = { property: String(value), displayName, apiKey: field.apiKey };
			if (field.fileNameKey) binary.fileNameKey = field.fileNameKey;
		} else if (field.place === 'path') pathValues[field.apiKey] = String(value);
		else if (field.place === 'query') qs[field.apiKey] = value as IDataObject[string];
		else if (field.place === 'body') {
			setPath(body, field.apiKey, value);
			hasBody = true;
		}
	}
	if (operation.custom) {
		const custom = checkedCustomRequest(context, customRequest(controls), resources, itemIndex);
		if (binary) {
			if (custom.body !== undefined)
				throw fieldError(
					context,
					'Input Binary Field',
					itemIndex,
					'and Body cannot both be sent: use one',
				);
			if (custom.method === 'GET' || custom.method === 'DELETE')
				throw fieldError(
					context,
					'Input Binary Field',
					itemIndex,
					`cannot be sent with ${custom.method}: use POST, PUT or PATCH`,
				);
			custom.binary = binary;
		}
		if (Object.keys(controls).length) custom.controls = controls;
		return custom;
	}
	// The user's own fields go last, checked by the rules of the fields they name.
	if (extraBody && Object.keys(extraBody).length) {
		body = {
			...body,
			...atEdge(context, itemIndex, 'Extra Body Fields', () =>
				checkedHatch(extraBody!, operation.fields, 'body', body),
			),
		};
		hasBody = true;
	}
	if (extraQuery) {
		qs = {
			...qs,
			...atEdge(context, itemIndex, 'Extra Query Parameters', () =>
				checkedHatch(extraQuery!, operation.fields, 'query', qs),
			),
		};
	}
	if (needsAChange(operation) && Object.keys(body).length === 0) {
		const offered = operation.fields
			.filter((field) => field.place === 'body' || field.place === 'extraBody')
			.map((field) => field.property.displayName);
		throw fieldError(
			context,
			collectionOf(operation).displayName,
			itemIndex,
			`nothing to update: add at least one of ${offered.join(', ')}`,
		);
	}

	// Path values were checked by their normaliser; encoding is a second lock on the path.
	const path = operation.path.replace(/\{(\w+)\}/g, (_, key: string) =>
		encodeURIComponent(pathValues[key] ?? ''),
	);
	const request: BuiltRequest = { method: operation.method, path, qs };
	if (hasBody || ['POST', 'PUT', 'PATCH'].includes(operation.method)) request.body = body;
	// The file is read unless the request already points at one another way (an EHR file).
	const pointsElsewhere =
		operation.check !== undefined && operation.check({ qs, body }) === undefined;
	if (binary && !pointsElsewhere) request.binary = binary;
	const problem = operation.check?.(request);
	if (problem) throw fieldError(context, problem.field, itemIndex, problem.message);
	const pathId = Object.values(pathValues)[0];
	if (pathId) request.id = pathId;
	if (Object.keys(controls).length) request.controls = controls;
	return request;
}

/**
 * The practice sign-off controls on one item, before anything is sent (and in a Dry Run): the
 * Send Window may schedule or refuse it, the Contactability Check reads its patient.
 */
async function withSafetyControls(
	context: IExecuteFunctions,
	operation: HeroOperation,
	itemIndex: number,
	request: BuiltRequest,
	settings: RequestSettings,
	guard: ContactabilityGuard,
): Promise<BuiltRequest> {
	const controls = request.controls ?? {};
	let checked = request;
	const mode = (controls.sendWindow ?? 'off') as SendWindowMode;
	if (operation.contacts && mode !== 'off') {
		const window = controls.sendWindowHours as SendWindow | undefined;
		if (!window) {
			throw fieldError(
				context,
				'Send Window Hours',
				itemIndex,
				'is needed while Send Window is on',
			);
		}
		checked = {
			...request,
			...withinSendWindow(
				context,
				itemIndex,
				request,
				mode,
				window,
				operation.contacts === 'scheduled',
			),
		};
	}
	const contactability = (controls.contactabilityCheck ?? 'off') as ContactabilityMode;
	if (operation.addressedTo && contactability !== 'off') {
		const patientId = checked.body?.[operation.addressedTo];
		await guard.check(
			itemIndex,
			String(patientId),
			checked.practiceGroupId,
			contactability,
			settings,
		);
	}
	return checked;
}

function asRecords(body: unknown, operation: HeroOperation): IDataObject[] {
	// Hero answered a write with text: it succeeded, and this is what Hero said.
	if (body instanceof HeroText) return [{ success: true, message: cut(body.text, 10_000) }];
	if (operation.output) {
		const shaped = operation.output(body);
		return Array.isArray(shaped) ? shaped : [shaped];
	}
	if (body === undefined)
		return [operation.method === 'DELETE' ? { deleted: true } : { success: true }];
	if (Array.isArray(body))
		return body.map((entry) => (typeof entry === 'object' ? entry : { value: entry }));
	if (typeof body !== 'object' || body === null) return [{ value: body as string }];
	return [body as IDataObject];
}

/** Hero's limit on an uploaded file: File Data takes 20,000,000 base64 characters. */
export const MAX_UPLOAD_BYTES = 15_000_000;

/**
 * Reads the file an Input Binary Field names, from n8n's binary data in whatever mode n8n stores
 * it (memory or filesystem): base64 into the body key the field names, or the whole body.
 */
async function withFile(
	context: IExecuteFunctions,
	request: BuiltRequest,
	itemIndex: number,
): Promise<BuiltRequest> {
	const { binary } = request;
	if (!binary) return request;
	const held = context.getInputData()[itemIndex]?.binary ?? {};
	const meta = held[binary.property];
	if (!meta) {
		const names = Object.keys(held);
		throw fieldError(
			context,
			binary.displayName,
			itemIndex,
			`the input item has no binary field "${binary.property}"; ${names.length ? `it has ${names.map((n) => `"${n}"`).join(', ')}` : 'it has no binary data (read a file first, e.g. with Read/Write Files from Disk or an email trigger)'}`,
		);
	}
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, binary.property);
	if (data.length === 0)
		throw fieldError(
			context,
			binary.displayName,
			itemIndex,
			`the file in "${binary.property}" is empty`,
		);
	const mimeType = meta.mimeType || 'application/octet-stream';
	const fileName =
		meta.fileName || (meta.fileExtension ? `attachment.${meta.fileExtension}` : undefined);
	const file = { file_name: fileName, mime_type: mimeType, file_size: data.length };
	if (!binary.apiKey) return { ...request, file: { data, mimeType }, fileInfo: file };
	if (data.length > MAX_UPLOAD_BYTES) {
		throw fieldError(
			context,
			binary.displayName,
			itemIndex,
			`the file in "${binary.property}" is ${data.length.toLocaleString('en-GB')} bytes; Hero takes up to ${MAX_UPLOAD_BYTES.toLocaleString('en-GB')}`,
		);
	}
	const body: IDataObject = { ...(request.body ?? {}), [binary.apiKey]: data.toString('base64') };
	if (binary.fileNameKey && body[binary.fileNameKey] === undefined && fileName)
		body[binary.fileNameKey] = fileName;
	return { ...request, body, fileInfo: file };
}

/** A file Hero answered with, as n8n binary data in the Output Binary Field. */
async function fileItem(
	context: IExecuteFunctions,
	file: HeroFile,
	controls: Record<string, unknown>,
): Promise<INodeExecutionData> {
	const field = String(controls.outputBinaryField ?? 'data');
	return {
		json: {
			file_name: file.fileName ?? null,
			mime_type: file.mimeType,
			file_size: file.data.length,
		},
		binary: {
			[field]: await context.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType),
		},
	};
}

async function runItem(
	context: IExecuteFunctions,
	read: ParameterReader,
	operation: HeroOperation,
	itemIndex: number,
	settings: RequestSettings,
	resources: HeroResource[],
	guard: ContactabilityGuard,
): Promise<INodeExecutionData[]> {
	const built = await withFile(
		context,
		buildRequest(context, operation, itemIndex, read, resources),
		itemIndex,
	);
	const practiceGroupId = practiceOf(context, read, itemIndex);
	if (practiceGroupId) built.practiceGroupId = practiceGroupId;
	const itemSettings: RequestSettings = {
		...settings,
		itemIndex,
		scope: operation.scope,
		subject: operation.subject,
		id: built.id,
	};
	if (operation.custom) itemSettings.acceptFile = true;

	const request = await withSafetyControls(
		context,
		operation,
		itemIndex,
		built,
		itemSettings,
		guard,
	);

	// Dry Run: every check above ran as for real; the request is the output, nothing is sent.
	if (
		writes(operation) &&
		setting(context, read, 'dryRun', 'Dry Run', itemIndex, false, normaliseBoolean)
	) {
		return [{ json: await preview(context, operation, request) }];
	}

	// Every setting is read before anything is sent (Simplify and Output were read with the fields).
	let records: IDataObject[];
	if (operation.list) {
		const returnAll = setting(
			context,
			read,
			'returnAll',
			'Return All',
			itemIndex,
			false,
			normaliseBoolean,
		);
		const limit = returnAll
			? undefined
			: setting(context, read, 'limit', 'Limit', itemIndex, 50, LIMIT);
		if (operation.list.paginated) {
			records = await heroRequestPages.call(context, request, itemSettings, {
				limit,
				dataKey: operation.list.dataKey,
			});
		} else {
			const body = await heroRequest.call(context, request, itemSettings);
			records = operation.output
				? asRecords(body, operation)
				: wholeList(
						context,
						itemSettings,
						request,
						body,
						recordsOf(body, operation.list.dataKey),
						limit,
					);
			if (limit !== undefined) records = records.slice(0, limit);
		}
	} else {
		const body = await heroRequest.call(context, request, itemSettings);
		if (body instanceof HeroFile) return [await fileItem(context, body, request.controls ?? {})];
		records = asRecords(body, operation);
	}
	return shaped(context, operation, request.controls ?? {}, records).map((json) => ({ json }));
}

/**
 * What the operation outputs of each record. Simplify keeps the short form. Patient records
 * (Output, node version 4) are kept as keptOf says; an AI agent's tool gets no contact details
 * by default.
 */
function shaped(
	context: IExecuteFunctions,
	operation: HeroOperation,
	controls: Record<string, unknown>,
	records: IDataObject[],
): IDataObject[] {
	const short = operation.simplify ?? operation.outputKeys;
	if (!short) return records;
	const output = controls.output as OutputMode | undefined;
	if (output === undefined) {
		// Simplify, where the operation offers it (and this node version has no Output).
		if (!operation.simplify || controls.simplify === false) return records;
		return records.map((record) => pick(record, short));
	}
	const named =
		output === 'selected' ? ((controls.outputFields as string[] | undefined) ?? []) : [];
	const asTool = context.getNode().type.endsWith('Tool');
	return records.map((record) => keptOf(record, output, short, named, asTool));
}

/** What Dry Run outputs: the request as it would be sent, and who it would act for; no key. */
async function preview(
	context: IExecuteFunctions,
	operation: HeroOperation,
	request: BuiltRequest,
): Promise<IDataObject> {
	const item: IDataObject = {
		dry_run: true,
		operation: operation.custom ? 'Custom API Call' : operation.heroName,
		method: request.method,
		path: request.path,
		query: request.qs && Object.keys(request.qs).length ? request.qs : {},
	};
	if (request.body !== undefined) item.body = request.body;
	if (request.fileInfo) {
		// The file is described, not repeated: it may be megabytes, and it is the patient's.
		const { binary } = request;
		item.file = request.fileInfo;
		if (binary?.apiKey && item.body) {
			item.body = {
				...(item.body as IDataObject),
				[binary.apiKey]: `(${request.fileInfo.file_size} bytes, base64)`,
			};
		}
	}
	item.practice_group_id = request.practiceGroupId ?? (await practiceGroupFor(context));
	if (operation.notice) item.notice = operation.notice;
	return item;
}

function errorJson(error: Error & { description?: unknown }, scrubber: Scrubber): IDataObject {
	const json: IDataObject = { error: scrubber.text(error.message) };
	// An error output can route it to a Wait node until the window opens.
	if (error instanceof OutsideSendWindow) json.next_window_opens_at = error.nextWindowOpensAt;
	if (typeof error.description === 'string' && error.description) {
		json.description = scrubber.text(error.description);
	}
	return json;
}

interface Failure {
	index: number;
	error: Error & { description?: string | null };
}

function itemList(indexes: number[]): string {
	return `${indexes.length === 1 ? 'item' : 'items'} ${indexes.join(', ')}`;
}

/**
 * The error for a run stopped by failures: the first failure's error, naming every item that
 * failed, the items Hero processed (a rerun repeats them), those whose outcome is unknown and
 * those never started.
 */
function runError(
	context: IExecuteFunctions,
	failures: Failure[],
	results: INodeExecutionData[][],
): Error {
	failures.sort((a, b) => a.index - b.index);
	const [first, ...others] = failures;
	const failed = failures.map((f) => f.index);
	const processed = results.flatMap((result, index) => (result ? [index] : []));
	const uncertain = failures.filter((f) => mayHaveActed(f.error)).map((f) => f.index);
	const notStarted = results.length - processed.length - failures.length;
	const lines = [first.error.description];
	if (others.length) {
		lines.push(
			`${failures.length} items failed:`,
			...failures.map((f) => `- item ${f.index}: ${f.error.message.replace(/^\[item \d+\] /, '')}`),
		);
	}
	if (results.length > 1) {
		lines.push(
			processed.length
				? `Hero processed ${itemList(processed)}; running the node again repeats them. Turn on Settings > On Error > Continue to keep successful items in the output.`
				: 'Hero processed no item of this run.',
		);
	}
	if (uncertain.length) {
		lines.push(
			`Hero may have acted on ${itemList(uncertain)} before the failure: check in Hero before running them again.`,
		);
	}
	if (notStarted > 0) lines.push(`${notStarted} item(s) were not started.`);
	const error =
		first.error instanceof NodeOperationError || first.error.name === 'NodeApiError'
			? first.error
			: new NodeOperationError(context.getNode(), first.error, { itemIndex: first.index });
	if (others.length) error.message = `${error.message} (${itemList(failed.slice(1))} failed too)`;
	error.description = lines.filter(Boolean).join('\n');
	return error;
}

/**
 * Runs one operation over every input item: at most Concurrency at a time, output in input
 * order with pairedItem, Continue On Fail per item. Without it, the first failure stops new
 * items from starting; items already in flight finish, and the error accounts for every item.
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
	const read = new ParameterReader(this);
	const option = <T>(
		name: string,
		displayName: string,
		fallback: T,
		normalise: (value: unknown) => T | undefined,
	) => setting(this, read, `requestOptions.${name}`, displayName, 0, fallback, normalise);
	const concurrency = option('concurrency', 'Concurrency', 5, CONCURRENCY);
	const scrubber = await scrubberFor(this);
	const guard = new ContactabilityGuard(this);
	const settings: RequestSettings = {
		retry: {
			...DEFAULT_RETRY,
			maxAttempts: option('maxAttempts', 'Max Attempts', DEFAULT_RETRY.maxAttempts, MAX_ATTEMPTS),
		},
		timeoutMs: option('timeout', 'Timeout (Seconds)', 30, TIMEOUT) * 1000,
		pacer: await sharedPacer(this),
		slots: new Slots(concurrency),
	};

	// The last net: whatever an error carries, no secret leaves in its text.
	const scrubbedError = (error: Error & { description?: string | null }) => {
		error.message = scrubber.text(error.message);
		if (typeof error.description === 'string') error.description = scrubber.text(error.description);
		return error;
	};

	if (operation.many) {
		return await sendToMany(
			this,
			operation,
			settings,
			{
				build: (index) => buildRequest(this, operation, index, read, resources),
				errorJson: (error) => errorJson(error, scrubber),
				runError: (failed, results) => scrubbedError(runError(this, failed, results)),
			},
			continueOnFail,
			setting(this, read, 'dryRun', 'Dry Run', 0, false, normaliseBoolean),
			practiceOf(this, read, 0),
		);
	}

	const results: INodeExecutionData[][] = new Array(items.length);
	const failures: Failure[] = [];

	// More items than slots are under way: an item waiting out a Retry-After gives its slot to
	// the next one, and Concurrency still bounds the requests in flight.
	await runWithConcurrency(
		items.length,
		concurrency * 10,
		async (index) => {
			await settings.slots?.acquire();
			// Checked with the slot held: a failed item keeps its slot until it is recorded.
			if (failures.length) {
				settings.slots?.release();
				return;
			}
			try {
				const records = await runItem(this, read, operation, index, settings, resources, guard);
				results[index] = records.map((record) => ({ ...record, pairedItem: { item: index } }));
			} catch (error) {
				if (continueOnFail) {
					results[index] = [{ json: errorJson(error, scrubber), pairedItem: { item: index } }];
				} else {
					failures.push({ index, error });
				}
			} finally {
				settings.slots?.release();
			}
		},
		() => failures.length > 0,
	);

	if (failures.length) throw scrubbedError(runError(this, failures, results));
	return [results.flat()];
}
