import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { createHash } from 'crypto';

import type { RequestSettings } from '../shared/transport';
import { heroRequest, heroRequestPages, practiceGroupFor } from '../shared/transport';
import type { SendWindow } from '../shared/sendWindow';
import type { BuiltRequest } from './executor';
import type { HeroOperation } from './model';
import type { SendWindowMode } from './safety';
import { withinSendWindow } from './safety';
import { DEFAULT_BATCH_SIZE, DEFAULT_ENRICHMENT_WAIT } from './resources/message';

// Message > Send to Many: every input item is one recipient of one message, sent through Hero's
// batch messages. Each batch is named from the Campaign Key and its number, so a repeated run
// finds what an earlier one created and never creates or sends a batch twice.

/** Batch statuses after which Hero has taken the batch to send: never sent again. */
const TAKEN = ['QUEUED', 'PENDING', 'SENDING', 'COMPLETED'];
/** Batch statuses Hero ends enrichment with when it refuses the whole batch. */
const REFUSED = ['ENRICHMENT_ERROR', 'INVALID_PAYLOAD'];

/** What the executor lends: one item's checked request, and its error shapes. */
export interface ItemTools {
	build: (itemIndex: number) => BuiltRequest;
	errorJson: (error: Error) => IDataObject;
	runError: (
		failures: Array<{ index: number; error: Error }>,
		results: INodeExecutionData[][],
	) => Error;
}

interface Recipient {
	index: number;
	nhsNumber: string;
	dob: string;
}

interface Campaign {
	/** The message every recipient of these batches gets. */
	message: { channel: string; subject?: string; content: string };
	recipients: Recipient[];
}

export async function sendToMany(
	context: IExecuteFunctions,
	operation: HeroOperation,
	settings: RequestSettings,
	tools: ItemTools,
	continueOnFail: boolean,
	dryRun: boolean,
	practiceGroupId?: string,
): Promise<INodeExecutionData[][]> {
	const acting = practiceGroupId ? { practiceGroupId } : {};
	const items = context.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const failures: Array<{ index: number; error: Error }> = [];
	const fail = (index: number, error: Error) => {
		if (continueOnFail)
			results[index] = [{ json: tools.errorJson(error), pairedItem: { item: index } }];
		else failures.push({ index, error });
	};

	// Every item is checked before anything is created; a bad one fails alone.
	const campaigns = new Map<string, Campaign>();
	const firstOf = new Map<string, number>();
	let controls: Record<string, unknown> | undefined;
	for (let index = 0; index < items.length; index++) {
		let request: BuiltRequest;
		try {
			request = tools.build(index);
		} catch (error) {
			fail(index, error as Error);
			continue;
		}
		controls ??= request.controls ?? {};
		const body = request.body as IDataObject;
		const nhsNumber = String(body.nhs_number);
		const earlier = firstOf.get(nhsNumber);
		if (earlier !== undefined) {
			// The same patient twice would get the message twice.
			fail(
				index,
				new NodeOperationError(
					context.getNode(),
					`[item ${index}] NHS Number: the same patient as item ${earlier}; each patient is sent the message once`,
					{
						itemIndex: index,
						description: 'Remove the duplicate, e.g. with a Remove Duplicates node.',
					},
				),
			);
			continue;
		}
		firstOf.set(nhsNumber, index);
		const message = {
			channel: String(body.channel),
			...(body.subject ? { subject: String(body.subject) } : {}),
			content: String(body.content),
		};
		const key = JSON.stringify(message);
		if (!campaigns.has(key)) campaigns.set(key, { message, recipients: [] });
		campaigns.get(key)!.recipients.push({ index, nhsNumber, dob: String(body.dob) });
	}
	if (failures.length) throw tools.runError(failures, results);
	if (!campaigns.size) {
		if (results.some(Boolean)) return [results.flat()];
		throw new NodeOperationError(context.getNode(), 'Send to Many needs at least one recipient', {
			description:
				'Each input item is one recipient: give the node items with an NHS number and a date of birth.',
		});
	}

	const batchSize = Number(controls?.batchSize ?? DEFAULT_BATCH_SIZE);
	const waitMs = Number(controls?.enrichmentWait ?? DEFAULT_ENRICHMENT_WAIT) * 1000;
	const batches = [...campaigns.values()].flatMap((campaign) =>
		chunks(campaign.recipients, batchSize).map((recipients, chunk, all) => ({
			name: batchName(context, controls?.campaignKey, campaign, chunk, all.length, campaigns.size),
			message: campaign.message,
			recipients,
		})),
	);

	// Quiet hours: outside the window nothing is created or sent.
	const windowMode = (controls?.sendWindow ?? 'off') as SendWindowMode;
	if (windowMode !== 'off') {
		let outside = false;
		for (const batch of batches) {
			for (const r of batch.recipients) {
				try {
					withinSendWindow(
						context,
						r.index,
						{ method: 'POST', path: operation.path },
						windowMode,
						controls?.sendWindowHours as SendWindow,
						false,
					);
				} catch (error) {
					outside = true;
					fail(r.index, error as Error);
				}
			}
		}
		if (outside) {
			if (failures.length) throw tools.runError(failures, results);
			return [results.flat()];
		}
	}

	if (dryRun) {
		const practice = practiceGroupId ?? (await practiceGroupFor(context));
		for (const batch of batches) {
			for (const r of batch.recipients) {
				results[r.index] = [
					{
						json: {
							dry_run: true,
							operation: operation.heroName,
							batch_name: batch.name,
							batch_recipients: batch.recipients.length,
							...batch.message,
							recipient: { nhs_number: r.nhsNumber, dob: r.dob },
							practice_group_id: practice,
						},
						pairedItem: { item: r.index },
					},
				];
			}
		}
		return [results.flat()];
	}

	const existing = await batchesByName(context, settings, acting);
	for (const batch of batches) {
		try {
			const outcome = await runBatch(
				context,
				settings,
				acting,
				batch,
				existing.get(batch.name),
				waitMs,
			);
			for (const r of batch.recipients) {
				const seen = outcome.recipients.get(r.nhsNumber);
				const json: IDataObject = {
					batch_id: outcome.id,
					batch_name: batch.name,
					batch_status: outcome.status,
					sent_by_this_run: outcome.sentNow,
					recipient_status: seen?.status ?? 'UNKNOWN',
				};
				if (seen?.status === 'ENRICHED') {
					results[r.index] = [{ json, pairedItem: { item: r.index } }];
				} else {
					const reason = String(
						seen?.error ??
							seen?.reason ??
							(seen ? seen.status : 'not among the batch recipients Hero listed'),
					);
					fail(
						r.index,
						new NodeOperationError(
							context.getNode(),
							`[item ${r.index}] Hero did not send to this recipient: ${reason}`,
							{
								itemIndex: r.index,
								description: `Batch "${batch.name}" (${outcome.id}) went to the other recipients. Check the NHS number and date of birth against the patient's record.`,
							},
						),
					);
				}
			}
		} catch (error) {
			for (const r of batch.recipients) fail(r.index, withItem(context, error as Error, r.index));
			if (!continueOnFail) break;
		}
	}
	if (failures.length) throw tools.runError(failures, results);
	return [results.flat()];
}

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/** `<campaign key> <n>/<of>`: the same campaign, recipients and message give the same names. */
function batchName(
	context: IExecuteFunctions,
	campaignKey: unknown,
	campaign: Campaign,
	chunk: number,
	of: number,
	campaigns: number,
): string {
	const digest = (value: unknown) =>
		createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
	const people = campaign.recipients.map((r) => `${r.nhsNumber}/${r.dob}`).sort();
	let base = typeof campaignKey === 'string' && campaignKey ? campaignKey : '';
	if (!base) {
		const workflow = context.getWorkflow();
		base = `n8n ${workflow.id ?? 'workflow'} ${context.getNode().id ?? context.getNode().name} ${digest([campaign.message, people])}`;
	} else if (campaigns > 1) {
		base = `${base} ${digest(campaign.message)}`;
	}
	return `${base} ${chunk + 1}/${of}`;
}

/** Every batch Hero holds, by name: what an earlier run of this campaign created. */
async function batchesByName(
	context: IExecuteFunctions,
	settings: RequestSettings,
	acting: { practiceGroupId?: string },
) {
	const list = await heroRequestPages.call(
		context,
		{ method: 'GET', path: '/v1/batch_message', ...acting },
		{ ...settings, subject: 'batch message' },
		{},
	);
	const byName = new Map<string, IDataObject>();
	for (const batch of list) if (typeof batch.name === 'string') byName.set(batch.name, batch);
	return byName;
}

interface Outcome {
	id: string;
	status: string;
	sentNow: boolean;
	recipients: Map<string, IDataObject>;
}

/** One batch: created unless found, enriched, sent unless Hero has taken it already. */
async function runBatch(
	context: IExecuteFunctions,
	settings: RequestSettings,
	acting: { practiceGroupId?: string },
	batch: { name: string; message: Campaign['message']; recipients: Recipient[] },
	found: IDataObject | undefined,
	waitMs: number,
): Promise<Outcome> {
	let current = found;
	if (!current) {
		current = (await heroRequest.call(
			context,
			{
				method: 'POST',
				path: '/v1/batch_message',
				...acting,
				body: {
					name: batch.name,
					...batch.message,
					recipients: batch.recipients.map((r) => ({ nhs_number: r.nhsNumber, dob: r.dob })),
				},
			},
			{ ...settings, subject: 'batch message' },
		)) as IDataObject;
		context.logger.info(
			`Send to Many: created batch "${batch.name}" (${batch.recipients.length} recipients)`,
		);
	} else {
		context.logger.info(
			`Send to Many: found batch "${batch.name}" (${String(current.status)}) from an earlier run`,
		);
	}
	const id = String(current.id);
	const path = `/v1/batch_message/${encodeURIComponent(id)}`;
	const read = async () =>
		(await heroRequest.call(
			context,
			{ method: 'GET', path, ...acting },
			{ ...settings, subject: 'batch message', id },
		)) as IDataObject;

	// Enrichment: Hero matches the recipients to patients; poll with back-off up to the wait.
	const started = Date.now();
	let delay = 500;
	while (String(current.status) === 'CREATED') {
		const waited = Date.now() - started;
		if (waited >= waitMs) {
			throw new NodeOperationError(
				context.getNode(),
				`Hero had not finished matching the recipients of batch "${batch.name}" after ${Math.round(waited / 1000)} s; run the workflow again to continue it (the batch is found by name, not created again)`,
			);
		}
		await sleep(Math.min(delay, waitMs - waited));
		delay = Math.min(delay * 2, 10_000);
		current = await read();
		context.logger.info(
			`Send to Many: batch "${batch.name}" is ${String(current.status)} after ${Math.round((Date.now() - started) / 1000)} s`,
		);
	}
	const status = String(current.status);
	if (REFUSED.includes(status)) {
		const reason = current.error ?? current.reason ?? current.message;
		throw new NodeOperationError(
			context.getNode(),
			`Hero refused batch "${batch.name}" (${status})${reason ? `: ${String(reason)}` : ''}; nothing was sent to its recipients`,
		);
	}
	const recipients = new Map<string, IDataObject>();
	for (const recipient of await heroRequestPages.call(
		context,
		{ method: 'GET', path: `${path}/recipients`, ...acting },
		{ ...settings, subject: 'batch message', id },
		// One page for the whole batch where Hero allows it: fewer requests against the rate limit.
		{ pageSize: Math.min(Math.max(batch.recipients.length, 1), 1000) },
	)) {
		recipients.set(String(recipient.nhs_number), recipient);
	}
	if (TAKEN.includes(status)) return { id, status, sentNow: false, recipients };
	if (status !== 'ENRICHED')
		throw new NodeOperationError(
			context.getNode(),
			`Batch "${batch.name}" is ${status}: Send to Many sends only an enriched batch`,
		);
	const sent = (await heroRequest.call(
		context,
		{ method: 'PATCH', path: `${path}/send`, ...acting },
		{ ...settings, subject: 'batch message', id },
	)) as IDataObject | undefined;
	context.logger.info(`Send to Many: sent batch "${batch.name}"`);
	return { id, status: String(sent?.status ?? 'QUEUED'), sentNow: true, recipients };
}

/** An error about a whole batch, as one of its items' errors. */
function withItem(context: IExecuteFunctions, error: Error, itemIndex: number): Error {
	const failed = new NodeOperationError(
		context.getNode(),
		`[item ${itemIndex}] ${error.message.replace(/^\[item \d+\] /, '')}`,
		{ itemIndex, description: (error as { description?: string }).description ?? undefined },
	);
	const httpCode = (error as { httpCode?: string }).httpCode;
	if (httpCode) Object.assign(failed, { httpCode });
	return failed;
}
