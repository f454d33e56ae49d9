import type { IDataObject } from 'n8n-workflow';

import type { HeroField, HeroOperation, HeroResource } from '../model';
import { collectionOf, isTopLevel, needsAChange } from '../model';
import type { BuiltRequest, RunContext } from './context';
import type { ControlName, Controls } from './controls';
import { isControl } from './controls';
import { checked, fieldError, itemError } from './errors';
import { withFile } from './files';
import { hatched, knownOperation, pathValues, byRule } from './hatch';
import { filledPath, setPath } from './paths';
import { practiceOf } from './settings';
import type { ParameterReader } from './parameters';
import { offersSmsLimit, smsChecked } from './sms';

// The request room: one item's fields read and checked, hatches checked by the rules of the
// fields they name, a Custom API Call checked as the operation it reaches, its file read.

/** What a safety control left empty is told: what it takes, and that empty is not off. */
export function emptyControl(field: HeroField): string {
	const options = field.property.options?.map((option) => ('name' in option ? option.name : ''));
	const takes = options?.length ? `one of ${options.join(', ')}` : 'a value';
	return `is empty (an expression gave nothing); a safety control is never switched off by a missing value: give it ${takes}`;
}

/** Whether a field shows, per run where the parameters deciding it hold no expression. */
const shownInRun = new WeakMap<ParameterReader, Map<HeroField, boolean>>();

function isShown(run: RunContext, field: HeroField, itemIndex: number): boolean {
	const { showWhen } = field;
	if (!showWhen) return true;
	const { read } = run;
	let known = shownInRun.get(read);
	const decided = known?.get(field);
	if (decided !== undefined) return decided;
	const names = Object.keys(showWhen);
	const shown = names.every((name) => showWhen[name].includes(read.get<string>(name, itemIndex)));
	if (!names.some((name) => read.varies(name))) {
		if (!known) shownInRun.set(read, (known = new Map()));
		known.set(field, shown);
	}
	return shown;
}

/**
 * A Custom API Call's request, from its Method, Path, Query Parameters and Body. To an endpoint
 * the node knows, it meets that operation's field rules: path IDs, query and body keys are
 * checked as the operation's own fields would be, and its cross-field check runs.
 */
function customRequest(
	run: RunContext,
	controls: Controls,
	resources: HeroResource[],
	itemIndex: number,
): BuiltRequest {
	if (!controls.method) throw fieldError(run.node, 'Method', itemIndex, 'is required');
	if (!controls.path) throw fieldError(run.node, 'Path', itemIndex, 'is required');
	const request: BuiltRequest = {
		method: controls.method,
		path: controls.path,
		qs: controls.query ?? {},
		controls,
	};
	if (controls.body !== undefined) request.body = controls.body;
	const known = knownOperation(resources, request.method, request.path);
	if (!known) return request;
	for (const [name, value] of Object.entries(pathValues(known.path, request.path))) {
		const field = known.fields.find((f) => f.place === 'path' && f.apiKey === name);
		if (!field) continue;
		const read = byRule(field, decodeURIComponent(value));
		if ('problem' in read) {
			throw fieldError(
				run.node,
				'Path',
				itemIndex,
				`${name} (${field.property.displayName}) ${read.problem}`,
			);
		}
	}
	if (request.qs)
		request.qs = hatched(
			run.node,
			itemIndex,
			'Query Parameters',
			request.qs,
			known.fields,
			'query',
		);
	if (request.body)
		request.body = hatched(run.node, itemIndex, 'Body', request.body, known.fields, 'body');
	const problem = known.check?.(request);
	if (problem) throw fieldError(run.node, `Body > ${problem.field}`, itemIndex, problem.message);
	// Counted for its Dry Run; Max SMS Fragments is a control of the operations only.
	const sms = smsChecked(run, known, request, itemIndex, false);
	if (sms) request.sms = sms;
	return request;
}

/**
 * Reads and checks every field of one item. Throws an error naming the field and the item
 * before anything is sent.
 */
export function buildRequest(
	run: RunContext,
	operation: HeroOperation,
	resources: HeroResource[],
	itemIndex: number,
): BuiltRequest {
	const { node, read } = run;
	const collection = operation.fields.some((f) => !isTopLevel(f))
		? read.get<IDataObject>(collectionOf(operation).name, itemIndex, {})
		: {};
	const pathValuesOf: Record<string, string> = {};
	const controls: Controls = {};
	let qs: IDataObject = {};
	let body: IDataObject = {};
	let hasBody = false;
	let extraBody: IDataObject | undefined;
	let extraQuery: IDataObject | undefined;
	let binary: BuiltRequest['binary'];

	for (const field of operation.fields) {
		const { displayName, name, type } = field.property;
		let raw: unknown;
		if (isTopLevel(field)) {
			if (!isShown(run, field, itemIndex)) continue;
			raw = read.get(name, itemIndex, undefined, type === 'resourceLocator');
		} else {
			if (!(name in collection)) continue;
			raw = collection[name];
			// A locator among optional fields arrives whole; From List and By ID both hold the ID.
			if (type === 'resourceLocator' && raw && typeof raw === 'object' && '__rl' in raw) {
				raw = (raw as { value?: unknown }).value;
			}
		}
		const value = checked(node, displayName, itemIndex, () =>
			field.normalise ? field.normalise(raw) : raw,
		);
		if (value === undefined) {
			// A safety control shown here with no value: an error, never "off" (fails closed).
			if (field.safety) throw fieldError(node, displayName, itemIndex, emptyControl(field));
			if (field.required && field.place !== 'none') {
				throw itemError(
					node,
					itemIndex,
					`${displayName} is required`,
					`Enter ${displayName}, or map it from the input with an expression.`,
				);
			}
			continue;
		}
		if (field.place === 'none') {
			// The field's rule made the value; its type is the control's (run/controls.ts).
			if (isControl(field.apiKey)) (controls as Record<ControlName, unknown>)[field.apiKey] = value;
		} else if (field.place === 'extraBody') extraBody = value as IDataObject;
		else if (field.place === 'extraQuery') extraQuery = value as IDataObject;
		else if (field.place === 'binary') {
			binary = { property: String(value), displayName, apiKey: field.apiKey };
			if (field.fileNameKey) binary.fileNameKey = field.fileNameKey;
		} else if (field.place === 'path') pathValuesOf[field.apiKey] = String(value);
		else if (field.place === 'query') qs[field.apiKey] = value as IDataObject[string];
		else if (field.place === 'body') {
			setPath(body, field.apiKey, value);
			hasBody = true;
		}
	}
	if (operation.custom) {
		const custom = customRequest(run, controls, resources, itemIndex);
		if (binary) {
			if (custom.body !== undefined)
				throw fieldError(
					node,
					'Input Binary Field',
					itemIndex,
					'and Body cannot both be sent: use one',
				);
			if (custom.method === 'GET' || custom.method === 'DELETE')
				throw fieldError(
					node,
					'Input Binary Field',
					itemIndex,
					`cannot be sent with ${custom.method}: use POST, PUT or PATCH`,
				);
			custom.binary = binary;
		}
		return custom;
	}
	// The user's own fields go last, checked by the rules of the fields they name.
	if (extraBody && Object.keys(extraBody).length) {
		body = {
			...body,
			...hatched(node, itemIndex, 'Extra Body Fields', extraBody, operation.fields, 'body', body),
		};
		hasBody = true;
	}
	if (extraQuery) {
		qs = {
			...qs,
			...hatched(
				node,
				itemIndex,
				'Extra Query Parameters',
				extraQuery,
				operation.fields,
				'query',
				qs,
			),
		};
	}
	if (needsAChange(operation) && Object.keys(body).length === 0) {
		const offered = operation.fields
			.filter((field) => field.place === 'body' || field.place === 'extraBody')
			.map((field) => field.property.displayName);
		throw fieldError(
			node,
			collectionOf(operation).displayName,
			itemIndex,
			`nothing to update: add at least one of ${offered.join(', ')}`,
		);
	}

	const path = filledPath(operation.path, pathValuesOf);
	const request: BuiltRequest = { method: operation.method, path, qs, controls };
	if (hasBody || ['POST', 'PUT', 'PATCH'].includes(operation.method)) request.body = body;
	// The file is read unless the request already points at one another way (an EHR file).
	const pointsElsewhere =
		operation.check !== undefined && operation.check({ qs, body }) === undefined;
	if (binary && !pointsElsewhere) request.binary = binary;
	const problem = operation.check?.(request);
	if (problem) throw fieldError(node, problem.field, itemIndex, problem.message);
	const sms = smsChecked(run, operation, request, itemIndex, offersSmsLimit(operation));
	if (sms) request.sms = sms;
	const pathId = Object.values(pathValuesOf)[0];
	if (pathId) request.id = pathId;
	return request;
}

/** One item's request as it will be sent: checked, with its file and the practice it acts for. */
export async function requestFor(
	run: RunContext,
	operation: HeroOperation,
	resources: HeroResource[],
	itemIndex: number,
): Promise<BuiltRequest> {
	const built = buildRequest(run, operation, resources, itemIndex);
	const request = built.binary ? await withFile(run, built, itemIndex) : built;
	const practiceGroupId = practiceOf(run, itemIndex);
	if (practiceGroupId) request.practiceGroupId = practiceGroupId;
	return request;
}
