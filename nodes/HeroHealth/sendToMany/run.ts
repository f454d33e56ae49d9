import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createHash } from 'crypto';

import { practiceGroupFor } from '../../shared/transport';
import type { HeroOperation, HeroResource } from '../model';
import type { BuiltRequest, RunContext } from '../run/context';
import type { Controls } from '../run/controls';
import { asItemError, fieldError, itemError } from '../run/errors';
import { buildRequest } from '../run/request';
import { smsSummary } from '../run/sms';
import { dryRunOf, practiceOf } from '../run/settings';
import { offers } from '../safety/boundary';
import { refusedRecipients } from '../safety/recipients';
import { withinSendWindow } from '../safety/window';
import type { Batch, Campaign, Screen } from './batches';
import { batchesByName, isTaken, report, runBatch, staleError } from './batches';
import { DEFAULT_BATCH_SIZE, DEFAULT_ENRICHMENT_WAIT } from './constants';

// Message > Send to Many: every input item is one recipient of one message, sent through Hero's
// batch messages. Each batch is named from the Campaign Key and its number, so a repeated run
// finds what an earlier one created and never creates or sends a batch twice.

/** What a batch send applies to all its recipients at once: it must be the same for each item. */
interface RunWide {
	controls: Controls;
	dryRun: boolean;
}

const runWideKey = ({ controls, dryRun }: RunWide) =>
	JSON.stringify([
		dryRun,
		controls.sendWindow,
		controls.sendWindowHours?.text,
		controls.contactabilityCheck,
		controls.batchSize,
		controls.campaignKey,
		controls.enrichmentWait,
	]);

/** Every item checked before anything is created; a bad one fails alone. */
function campaignsOf(
	run: RunContext,
	operation: HeroOperation,
	resources: HeroResource[],
	count: number,
): { campaigns: Map<string, Campaign>; runWide?: RunWide } {
	const campaigns = new Map<string, Campaign>();
	const firstOf = new Map<string, number>();
	// Each item's Dry Run, Send Window and batch settings: one batch send cannot honour a mix.
	const settingsOf = new Map<string, { wide: RunWide; items: number[] }>();
	for (let index = 0; index < count; index++) {
		let request: BuiltRequest;
		let dryRun: boolean;
		try {
			dryRun = dryRunOf(run, index);
			request = buildRequest(run, operation, resources, index);
		} catch (error) {
			run.results.fail(index, error as Error);
			continue;
		}
		const wide = { controls: request.controls, dryRun };
		const key = runWideKey(wide);
		const same = settingsOf.get(key) ?? { wide, items: [] };
		same.items.push(index);
		settingsOf.set(key, same);
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
		const messageKey = JSON.stringify(message);
		if (!campaigns.has(messageKey))
			campaigns.set(messageKey, { message, recipients: [], sms: request.sms });
		campaigns.get(messageKey)!.recipients.push({ index, nhsNumber, dob: String(dob) });
	}
	const differing = [...settingsOf.values()];
	if (differing.length > 1) {
		throw new NodeOperationError(
			run.node,
			'Send to Many: items differ in Dry Run, Send Window, Send Window Hours, Contactability Check, Batch Size, Campaign Key or Enrichment Wait, so nothing was created or sent',
			{
				description: `One batch send applies these to every recipient at once. ${differing
					.map(
						({ items }) =>
							`Items ${items.slice(0, 10).join(', ')}${items.length > 10 ? ', ...' : ''}`,
					)
					.join(
						' differ from ',
					)}. Give every item the same values (a fixed value, not an expression that changes per item), or split the items into separate Send to Many nodes.`,
			},
		);
	}
	return { campaigns, runWide: differing[0]?.wide };
}

export async function runSendToMany(
	run: RunContext,
	operation: HeroOperation,
	resources: HeroResource[],
): Promise<INodeExecutionData[][]> {
	const { context, results } = run;
	const practiceGroupId = practiceOf(run, 0);
	const acting = practiceGroupId ? { practiceGroupId } : {};
	const { campaigns, runWide } = campaignsOf(
		run,
		operation,
		resources,
		context.getInputData().length,
	);
	if (results.stopped) return results.finish();
	if (!campaigns.size || !runWide) {
		if (results.anyOutput) return results.finish();
		throw new NodeOperationError(run.node, 'Send to Many needs at least one recipient', {
			description:
				'Each input item is one recipient: give the node items with an NHS number and a date of birth.',
		});
	}

	const { controls, dryRun } = runWide;
	const batchSize = controls.batchSize ?? DEFAULT_BATCH_SIZE;
	const waitMs = (controls.enrichmentWait ?? DEFAULT_ENRICHMENT_WAIT) * 1000;
	const batches: Batch[] = [...campaigns.values()].flatMap((campaign) =>
		chunks(campaign.recipients, batchSize).map((recipients, chunk, all) => ({
			name: batchName(run, controls.campaignKey, campaign, chunk, all.length, campaigns.size),
			message: campaign.message,
			recipients,
			sms: campaign.sms,
			campaignRecipients: campaign.recipients.length,
		})),
	);

	// Quiet hours: outside the window nothing is created, and nothing is sent (checked again
	// just before each send, which may come after a long enrichment).
	const outsideWindow = quietHoursCheck(run, controls, operation);
	const firstIndex = batches[0].recipients[0].index;
	const closed = outsideWindow(firstIndex);
	if (closed) {
		for (const batch of batches)
			for (const r of batch.recipients)
				results.fail(r.index, asItemError(run.node, closed, r.index));
		return results.finish();
	}

	// What Hero already holds under these names: a Dry Run reads it too, to show what a real
	// run would do with each batch (create, send, leave as sent, or refuse as stale).
	const existing = await batchesByName(run, acting);
	const staleness = (batch: Batch) => {
		const found = existing.get(batch.name);
		return found ? staleError(run, controls.campaignKey, batch, found) : undefined;
	};

	if (dryRun) {
		const practice = practiceGroupId ?? (await practiceGroupFor(context));
		// A preview is scrubbed as a run's output is: no key or token shows in it.
		const scrubber = run.scrubber;
		for (const batch of batches) {
			const stale = staleness(batch);
			const found = existing.get(batch.name);
			for (const r of batch.recipients) {
				if (stale) {
					results.fail(r.index, asItemError(run.node, stale, r.index));
					continue;
				}
				results.output(r.index, [
					{
						json: scrubber.preview({
							dry_run: true,
							operation: operation.heroName,
							batch_name: batch.name,
							batch_recipients: batch.recipients.length,
							batch_status: found ? String(found.status) : 'not created yet',
							would_send: !found || !isTaken(found),
							...batch.message,
							// What the SMS costs: each message, and all of this campaign's recipients.
							...(batch.sms ? { sms: smsSummary(batch.sms, batch.campaignRecipients ?? 1) } : {}),
							recipient: { nhs_number: r.nhsNumber, dob: r.dob },
							practice_group_id: practice,
						}),
					},
				]);
			}
		}
		return results.finish();
	}

	// The Contactability Check on every recipient Hero matched, before a batch is sent (version 4).
	const checkMode = offers(operation, 'contactabilityCheck') ? controls.contactabilityCheck : 'off';
	if (!checkMode) {
		for (const batch of batches)
			for (const r of batch.recipients)
				results.fail(
					r.index,
					fieldError(
						run.node,
						'Contactability Check',
						r.index,
						'could not be read, so nothing was sent',
					),
				);
		return results.finish();
	}
	const screen: Screen | undefined =
		checkMode === 'off'
			? undefined
			: async (batch, seen) => {
					const matched = batch.recipients.flatMap((r) => {
						const record = seen.get(r.nhsNumber);
						return record?.status === 'ENRICHED'
							? [{ itemIndex: r.index, record, nhs: r.nhsNumber }]
							: [];
					});
					const refused = await refusedRecipients(run, matched, checkMode, practiceGroupId, {
						...run.settings,
						subject: 'patient',
					});
					return new Map(
						[...refused].map(([recipient, error]) => [
							(recipient as (typeof matched)[number]).nhs,
							error,
						]),
					);
				};

	for (const batch of batches) {
		const stale = staleness(batch);
		if (stale) {
			for (const r of batch.recipients)
				results.fail(r.index, asItemError(run.node, stale, r.index));
			if (results.stopped) break;
			continue;
		}
		try {
			const closed = () => outsideWindow(batch.recipients[0].index);
			const outcome = await runBatch(
				run,
				acting,
				batch,
				existing.get(batch.name),
				waitMs,
				closed,
				screen,
			);
			if (!outcome.refused?.size) {
				report(run, batch, outcome, batch.recipients);
				continue;
			}
			// Refused recipients fail their items; the others go in a batch of their own, named
			// from this one, so that a run repeated finds it too and sends nobody twice.
			const { refused } = outcome;
			for (const r of batch.recipients) {
				const error = refused.get(r.nhsNumber);
				if (error) results.fail(r.index, error);
			}
			const allowed = batch.recipients.filter(
				(r) =>
					!refused.has(r.nhsNumber) && outcome.recipients.get(r.nhsNumber)?.status === 'ENRICHED',
			);
			report(
				run,
				batch,
				outcome,
				batch.recipients.filter((r) => !refused.has(r.nhsNumber) && !allowed.includes(r)),
			);
			if (!allowed.length) continue;
			const checked: Batch = { ...batch, name: `${batch.name} checked`, recipients: allowed };
			const second = await runBatch(
				run,
				acting,
				checked,
				existing.get(checked.name),
				waitMs,
				closed,
				screen,
			);
			for (const r of allowed) {
				const error = second.refused?.get(r.nhsNumber);
				if (error) results.fail(r.index, error);
			}
			if (second.refused?.size) {
				// Refused again (a record changed in between): nothing sent; a later run picks it up.
				const pending = itemError(
					run.node,
					allowed[0].index,
					`Batch "${checked.name}" was not sent: the Contactability Check refused some of its recipients too; run the workflow again`,
				);
				for (const r of allowed.filter((a) => !second.refused!.has(a.nhsNumber)))
					results.fail(r.index, asItemError(run.node, pending, r.index));
				continue;
			}
			report(run, checked, second, allowed);
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

/**
 * The Send Window for this run: a function giving the refusal when it is closed now, else
 * undefined. Off, it never refuses; on with no hours read, it always does (fails closed).
 */
function quietHoursCheck(
	run: RunContext,
	controls: Controls,
	operation: HeroOperation,
): (itemIndex: number) => Error | undefined {
	const mode = controls.sendWindow;
	const hours = controls.sendWindowHours;
	return (itemIndex) => {
		if (!mode || (mode !== 'off' && !hours))
			return fieldError(
				run.node,
				mode ? 'Send Window Hours' : 'Send Window',
				itemIndex,
				'could not be read, so nothing was sent',
			);
		if (mode === 'off' || !hours) return undefined;
		try {
			withinSendWindow(
				run.node,
				itemIndex,
				{ method: 'POST', path: operation.path },
				mode,
				hours,
				false,
			);
			return undefined;
		} catch (error) {
			return error as Error;
		}
	};
}
