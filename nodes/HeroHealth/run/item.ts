import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RequestSettings } from '../../shared/transport';
import {
	HeroFile,
	heroRequest,
	heroRequestPages,
	recordsOf,
	secretsSent,
	wholeList,
} from '../../shared/transport';
import type { HeroOperation, HeroResource } from '../model';
import { writes } from '../model';
import { withSafetyControls } from '../safety/apply';
import type { RunContext } from './context';
import { fileItem } from './files';
import { asRecords, preview, shaped } from './output';
import { requestFor } from './request';
import { dryRunOf, limitOf } from './settings';

// One item through the rooms, once each: settings -> request -> safety -> send -> output.

export async function runItem(
	run: RunContext,
	operation: HeroOperation,
	resources: HeroResource[],
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	// Settings: every one is read before the request room reads anything from Hero.
	const dryRun = writes(operation) && dryRunOf(run, itemIndex);
	const limit = operation.list ? limitOf(run, itemIndex) : undefined;

	const built = await requestFor(run, operation, resources, itemIndex);
	// Named one by one: spreading the run's settings here cost more than the rest of an item's
	// own work together (docs/benchmarks.md, section 1).
	const { retry, timeoutMs, pacer, slots } = run.settings;
	const settings: RequestSettings = {
		retry,
		timeoutMs,
		pacer,
		slots,
		itemIndex,
		scope: operation.scope,
		subject: operation.subject,
		id: built.id,
		// What leaves is scrubbed once, below: after shaping, the smaller form.
		scrubbedByCaller: true,
	};
	if (operation.custom) settings.acceptFile = true;

	const request = await withSafetyControls(run, operation, resources, itemIndex, built, settings);

	// Dry Run: every check above ran as for real; the request is the output, nothing is sent.
	if (dryRun) return [{ json: await preview(run, operation, request) }];

	let records: IDataObject[];
	if (operation.list?.paginated) {
		records = await heroRequestPages.call(run.context, request, settings, {
			limit,
			dataKey: operation.list.dataKey,
		});
	} else if (operation.list) {
		const body = await heroRequest.call(run.context, request, settings);
		records = operation.output
			? asRecords(body, operation)
			: wholeList(
					run.context,
					settings,
					request,
					body,
					recordsOf(body, operation.list.dataKey),
					limit,
				);
		if (limit !== undefined) records = records.slice(0, limit);
	} else {
		const body = await heroRequest.call(run.context, request, settings);
		if (body instanceof HeroFile)
			return [await fileItem(run, body, request.controls.outputBinaryField)];
		records = asRecords(body, operation);
	}
	const scrubber = run.scrubber.with(secretsSent(request.body));
	return scrubber.deep(shaped(run, operation, request.controls, records)).map((json) => ({ json }));
}
