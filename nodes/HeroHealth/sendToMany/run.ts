import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { createHash } from 'crypto';

import type { RequestSettings } from '../../shared/transport';
import { heroRequest, heroRequestPages, practiceGroupFor } from '../../shared/transport';
import type { HeroOperation, HeroResource } from '../model';
import type { BuiltRequest, RunContext } from '../run/context';
import type { Controls } from '../run/controls';
import { asItemError, itemError } from '../run/errors';
import { buildRequest } from '../run/request';
import { dryRunOf, practiceOf } from '../run/settings';
import { withinSendWindow } from '../safety/window';
import { DEFAULT_BATCH_SIZE, DEFAULT_ENRICHMENT_WAIT } from './constants';

// Message > Send to Many: every input item is one recipient of one message, sent through Hero's
// batch messages. Each batch is named from the Campaign Key and its number, so a repeated run
// finds what an earlier one created and never creates or sends a batch twice.

/** Batch statuses after which Hero has taken the batch to send: never sent again. */
const TAKEN = ['QUEUED', 'PENDING', 'SENDING', 'COMPLETED'];
/** Batch statuses Hero ends enrichment with when it refuses the whole batch. */
const REFUSED = ['ENRICHMENT_ERROR', 'INVALID_PAYLOAD'];

interface Recipient {
	index: number;
	nhsNumber: string;
	dob: string;
}

interface Campaign {
	/** What every recipient of these batches gets: channel, subject, content, Extra Body Fields. */
	message: IDataObject;
	recipients: Recipient[];
}

interface Batch extends Campaign {
	name: string;
}

/** Every item checked before anything is created; a bad one fails alone. */
function campaignsOf(
	run: RunContext,
	operation: HeroOperation,
	resources: HeroResource[],
	count: number,
): { campaigns: Map<string, Campaign>; controls?: Controls } {
	const campaigns = new Map<string, Campaign>();
	const firstOf = new Map<string, number>();
	let controls: Controls | undefined;
	for (let index = 0; index < count; index++) {
		let request: BuiltRequest;
		try {
			request = buildRequest(run, operation, resources, index);
		} catch (error) {
			run.results.fail(index, error as Error);
			continue;
		}
		controls ??= request.controls;
		const { nhs_number: nhs, dob, ...message } = request.body as IDataObject;
		const nhsNumber = String(nhs);
		const earlier = firstOf.get(nhsNumber);
		if (earlier !== undefined) {
			// The same patient twice would get the message twice.
			run.results.fail(
				index,
				itemError(
					run.node,
					index,
					`NHS Number: the same patient as item ${earlier}; each patient is sent the message once`,
					'Remove the duplicate, e.g. with a Remove Duplicates node.',
				),
			);
			continue;
		}
		firstOf.set(nhsNumber, index);
		const key = JSON.stringify(message);
		if (!campaigns.has(key)) campaigns.set(key, { message, recipients: [] });
		campaigns.get(key)!.recipients.push({ index, nhsNumber, dob: String(dob) });
	}
	return { campaigns, controls };
}

export async function runSendToMany(
	run: RunContext,
	operation: HeroOperation,
	resources: HeroResource[],
): Promise<INodeExecutionData[][]> {
	const { context, results } = run;
	const practiceGroupId = practiceOf(run, 0);
	const acting = practiceGroupId ? { practiceGroupId } : {};
	const dryRun = dryRunOf(run, 0);
	const { campaigns, controls = {} } = campaignsOf(
		run,
		operation,
		resources,
		context.getInputData().length,
	);
	if (results.stopped) return results.finish();
	if (!campaigns.size) {
		if (results.anyOutput) return results.finish();
		throw new NodeOperationError(run.node, 'Send to Many needs at least one recipient', {
			description:
				'Each input item is one recipient: give the node items with an NHS number and a date of birth.',
		});
	}

	const batchSize = controls.batchSize ?? DEFAULT_BATCH_SIZE;
	const waitMs = (controls.enrichmentWait ?? DEFAULT_ENRICHMENT_WAIT) * 1000;
	const batches: Batch[] = [...campaigns.values()].flatMap((campaign) =>
		chunks(campaign.recipients, batchSize).map((recipients, chunk, all) => ({
			name: batchName(run, controls.campaignKey, campaign, chunk, all.length, campaigns.size),
			message: campaign.message,
			recipients,
		})),
	);

	// Quiet hours: outside the window nothing is created or sent.
	const windowMode = controls.sendWindow ?? 'off';
	if (windowMode !== 'off') {
		let outside = false;
		for (const batch of batches) {
			for (const r of batch.recipients) {
				try {
					withinSendWindow(
						run.node,
						r.index,
						{ method: 'POST', path: operation.path },
						windowMode,
						controls.sendWindowHours!,
						false,
					);
				} catch (error) {
					outside = true;
					results.fail(r.index, error as Error);
				}
			}
		}
		if (outside) return results.finish();
	}

	if (dryRun) {
		const practice = practiceGroupId ?? (await practiceGroupFor(context));
		for (const batch of batches) {
			for (const r of batch.recipients) {
				results.output(r.index, [
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
					},
				]);
			}
		}
		return results.finish();
	}

	const existing = await batchesByName(run, acting);
	for (const batch of batches) {
		try {
			const outcome = await runBatch(run, acting, batch, existing.get(batch.name), waitMs);
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
					results.output(r.index, [{ json }]);
				} else {
					const reason = String(
						seen?.error ??
							seen?.reason ??
							(seen ? seen.status : 'not among the batch recipients Hero listed'),
					);
					results.fail(
						r.index,
						itemError(
							run.node,
							r.index,
							`Hero did not send to this recipient: ${reason}`,
							`Batch "${batch.name}" (${outcome.id}) went to the other recipients. Check the NHS number and date of birth against the patient's record.`,
						),
					);
				}
			}
		} catch (error) {
			for (const r of batch.recipients)
				results.fail(r.index, asItemError(run.node, error as Error, r.index));
			if (results.stopped) break;
		}
	}
	return results.finish();
}

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/** `<campaign key> <n>/<of>`: the same campaign, recipients and message give the same names. */
function batchName(
	run: RunContext,
	campaignKey: string | undefined,
	campaign: Campaign,
	chunk: number,
	of: number,
	campaigns: number,
): string {
	const digest = (value: unknown) =>
		createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
	const people = campaign.recipients.map((r) => `${r.nhsNumber}/${r.dob}`).sort();
	let base = campaignKey ?? '';
	if (!base) {
		const workflow = run.context.getWorkflow();
		base = `n8n ${workflow.id ?? 'workflow'} ${run.node.id ?? run.node.name} ${digest([campaign.message, people])}`;
	} else if (campaigns > 1) {
		base = `${base} ${digest(campaign.message)}`;
	}
	return `${base} ${chunk + 1}/${of}`;
}

const settingsFor = (run: RunContext, id?: string): RequestSettings => ({
	...run.settings,
	subject: 'batch message',
	...(id ? { id } : {}),
});

/** Every batch Hero holds, by name: what an earlier run of this campaign created. */
async function batchesByName(run: RunContext, acting: { practiceGroupId?: string }) {
	const list = await heroRequestPages.call(
		run.context,
		{ method: 'GET', path: '/v1/batch_message', ...acting },
		settingsFor(run),
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
	run: RunContext,
	acting: { practiceGroupId?: string },
	batch: Batch,
	found: IDataObject | undefined,
	waitMs: number,
): Promise<Outcome> {
	const { context } = run;
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
			settingsFor(run),
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
			settingsFor(run, id),
		)) as IDataObject;

	// Enrichment: Hero matches the recipients to patients; poll with back-off up to the wait.
	const started = Date.now();
	let delay = 500;
	while (String(current.status) === 'CREATED') {
		const waited = Date.now() - started;
		if (waited >= waitMs) {
			throw new NodeOperationError(
				run.node,
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
			run.node,
			`Hero refused batch "${batch.name}" (${status})${reason ? `: ${String(reason)}` : ''}; nothing was sent to its recipients`,
		);
	}
	const recipients = new Map<string, IDataObject>();
	for (const recipient of await heroRequestPages.call(
		context,
		{ method: 'GET', path: `${path}/recipients`, ...acting },
		settingsFor(run, id),
		// One page for the whole batch where Hero allows it: fewer requests against the rate limit.
		{ pageSize: Math.min(Math.max(batch.recipients.length, 1), 1000) },
	)) {
		recipients.set(String(recipient.nhs_number), recipient);
	}
	if (TAKEN.includes(status)) return { id, status, sentNow: false, recipients };
	if (status !== 'ENRICHED')
		throw new NodeOperationError(
			run.node,
			`Batch "${batch.name}" is ${status}: Send to Many sends only an enriched batch`,
		);
	const sent = (await heroRequest.call(
		context,
		{ method: 'PATCH', path: `${path}/send`, ...acting },
		settingsFor(run, id),
	)) as IDataObject | undefined;
	context.logger.info(`Send to Many: sent batch "${batch.name}"`);
	return { id, status: String(sent?.status ?? 'QUEUED'), sentNow: true, recipients };
}
