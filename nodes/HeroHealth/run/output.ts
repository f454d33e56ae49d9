import type { IDataObject } from 'n8n-workflow';

import { keptOf, short } from '../../shared/output';
import { cut, HeroText, practiceGroupFor, secretsSent } from '../../shared/transport';
import type { HeroOperation } from '../model';
import type { BuiltRequest, RunContext } from './context';
import type { Controls } from './controls';
import { smsSummary } from './sms';

// The output room: what Hero answered, as records; what each keeps; what a Dry Run shows.

export function asRecords(body: unknown, operation: HeroOperation): IDataObject[] {
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

/**
 * What the operation outputs of each record. Simplify keeps the short form. Patient records
 * (Output, node version 4) are kept as keptOf says; an AI agent's tool gets no contact details
 * by default.
 */
export function shaped(
	run: RunContext,
	operation: HeroOperation,
	controls: Controls,
	records: IDataObject[],
): IDataObject[] {
	const shortKeys = operation.simplify ?? operation.outputKeys;
	if (!shortKeys) return records;
	const { output } = controls;
	if (output === undefined) {
		// Simplify, where the operation offers it (and this node version has no Output). Patient
		// records keep their safety fields, and a restricted one its privacy, either way.
		const simplified = Boolean(operation.simplify) && controls.simplify !== false;
		if (operation.patientRecords)
			return records.map((record) => keptOf(record, simplified ? 'simplified' : 'raw', shortKeys));
		return simplified ? records.map((record) => short(record, shortKeys)) : records;
	}
	const named = output === 'selected' ? (controls.outputFields ?? []) : [];
	return records.map((record) => keptOf(record, output, shortKeys, named, run.asTool));
}

/** What Dry Run outputs: the request as it would be sent, and who it would act for; no key. */
export async function preview(
	run: RunContext,
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
	if (request.sms) item.sms = smsSummary(request.sms);
	item.practice_group_id = request.practiceGroupId ?? (await practiceGroupFor(run.context));
	if (operation.notice) item.notice = operation.notice;
	// Scrubbed as a run's output is: no API key, signing key or token shows in a preview.
	return run.scrubber.preview(item, secretsSent(request.body));
}
