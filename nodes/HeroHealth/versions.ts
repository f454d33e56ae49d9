import type { INodeProperties } from 'n8n-workflow';

import { dropdownProperty, typedIdProperty } from './fields/locators';
import type { HeroField, HeroResource } from './model';

// Every difference between the node's versions, as data. Resources describe the newest node;
// each entry below says what its version changed. Saved workflows keep the version they were
// built with, so an older version's parameters never change (the parameter snapshot holds it).
// A new version is one entry here; description.ts writes the `@version` conditions from it.

/** `resource.operation.parameter`, the parameter named as the resource files name it. */
export type ParameterPath = string;

export type VersionChange =
	/** The parameter was renamed: versions before this one store its value under `from`. */
	| { parameter: ParameterPath; name: { from: string; to: string } }
	/** The parameter's default changed: versions before this one default to `from`. */
	| {
			parameter: ParameterPath;
			default: { from: INodeProperties['default']; to: INodeProperties['default'] };
	  }
	/** The parameter is new in this version: versions before it do not show it. */
	| { parameter: ParameterPath; added: true }
	/** The parameter is gone from this version on: only versions before it show it. */
	| { parameter: ParameterPath; removed: true }
	/**
	 * Records are picked From List or By ID (resource locators). Before this version an optional
	 * one was a dropdown (a typed ID where Hero has no short list), the parameters listed in
	 * `typedIdBefore` were typed IDs, and other required pickers were already pickers.
	 */
	| { pickers: { typedIdBefore: ParameterPath[] } };

export interface NodeVersion {
	version: number;
	/** What the version changed, as the changelog says it. */
	summary: string;
	changes: VersionChange[];
}

export const NODE_VERSIONS: NodeVersion[] = [
	{ version: 1, summary: 'First release', changes: [] },
	{
		version: 2,
		summary:
			'Each parameter name has one type within a collection, so switching operation never leaves a value of the wrong type behind (Order By was options, a list and text; Status a list and text; Assignee ID a number and text)',
		changes: [
			{ parameter: 'episode.list.orderByFields', name: { from: 'orderBy', to: 'orderByFields' } },
			{
				parameter: 'link.listShortLinks.orderByField',
				name: { from: 'orderBy', to: 'orderByField' },
			},
			{
				parameter: 'subscription.list.orderByField',
				name: { from: 'orderBy', to: 'orderByField' },
			},
			{ parameter: 'message.listBatches.batchStatus', name: { from: 'status', to: 'batchStatus' } },
			{
				parameter: 'message.send.messageAssigneeId',
				name: { from: 'assigneeId', to: 'messageAssigneeId' },
			},
		],
	},
	{
		version: 3,
		summary:
			'Records are picked From List or By ID wherever Hero lists them, also among optional fields',
		changes: [
			{
				pickers: {
					typedIdBefore: [
						'booking.getSlot.slotId',
						'booking.createAppointment.patientId',
						'booking.bookAppointment.patientId',
						'bookingLink.create.patientId',
						'episode.get.episodeId',
						'episode.update.episodeId',
						'episode.createNote.noteEpisodeId',
						'episode.getV2.episodeId',
						'invoicing.getDefaultCustomer.patientId',
						'invoicing.createInvoice.patientId',
						'link.createAttachmentLink.patientId',
						'patient.previewMerge.patientToMergeId',
						'patient.merge.patientToMergeId',
						'subscription.list.patientId',
					],
				},
			},
		],
	},
	{
		version: 4,
		summary:
			'Safe for a practice to sign off by default: quiet hours on (08:00-20:00 every day, UK time; Send a Message is scheduled for the next opening, Send Batch and Send to Many refused outside it), the contactability guard on (deceased and restricted patients refused), patient records output Simplified, Raw or Selected Fields, with less for an AI agent and for restricted records; files as n8n binary data (Create Attachment Link reads an Input Binary Field instead of base64 File Data; Custom API Call can send one); Max SMS Fragments (3) refuses a longer SMS before it is sent',
		changes: [
			{ parameter: 'message.send.sendWindow', default: { from: 'off', to: 'schedule' } },
			{ parameter: 'message.sendBatch.sendWindow', default: { from: 'off', to: 'refuse' } },
			{ parameter: 'message.sendToMany.sendWindow', default: { from: 'off', to: 'refuse' } },
			{
				parameter: 'message.send.contactabilityCheck',
				default: { from: 'off', to: 'refuseRestricted' },
			},
			// Patient records: Output (Simplified, Raw, Selected Fields) instead of Simplify.
			...['get', 'getV2', 'list', 'search'].flatMap((operation): VersionChange[] => [
				{ parameter: `patient.${operation}.simplify`, removed: true },
				{ parameter: `patient.${operation}.output`, added: true },
				{ parameter: `patient.${operation}.outputFields`, added: true },
			]),
			...['listEhrCandidates'].flatMap((operation): VersionChange[] => [
				{ parameter: `patient.${operation}.output`, added: true },
				{ parameter: `patient.${operation}.outputFields`, added: true },
			]),
			// Files come as n8n binary data, as n8n's own nodes take them.
			{ parameter: 'link.createAttachmentLink.inputBinaryField', added: true },
			{ parameter: 'link.createAttachmentLink.fileData', removed: true },
			{ parameter: 'customApiCall.call.inputBinaryField', added: true },
			{ parameter: 'customApiCall.call.outputBinaryField', added: true },
			// Batches: every recipient Hero matched is checked as a single send's patient is.
			{ parameter: 'message.sendToMany.contactabilityCheck', added: true },
			{
				parameter: 'message.sendToMany.contactabilityCheck',
				default: { from: 'off', to: 'refuseRestricted' },
			},
			{ parameter: 'message.sendBatch.contactabilityCheck', added: true },
			{
				parameter: 'message.sendBatch.contactabilityCheck',
				default: { from: 'off', to: 'refuseRestricted' },
			},
			// A Custom API Call that messages a patient meets the same controls as the operations.
			{ parameter: 'customApiCall.call.sendWindow', added: true },
			{ parameter: 'customApiCall.call.sendWindowHours', added: true },
			{ parameter: 'customApiCall.call.contactabilityCheck', added: true },
			// Send to Many takes Extra Body Fields for the batches it creates, like every body.
			{ parameter: 'message.sendToMany.extraBodyFields', added: true },
			// What an SMS may cost: longer messages are refused before anything is sent.
			...['send', 'createBatch', 'sendToMany'].map(
				(operation): VersionChange => ({
					parameter: `message.${operation}.maxSmsFragments`,
					added: true,
				}),
			),
		],
	},
];

/** A field as some versions show it. */
export interface Variant {
	versions: number[];
	field: HeroField;
}

/** The node's versions as `history` defines them: what each shows, and which versions share it. */
export class NodeVersions {
	readonly all: number[];

	readonly latest: number;

	private readonly read = new WeakMap<HeroResource[], Map<number, HeroResource[]>>();

	constructor(readonly history: NodeVersion[] = NODE_VERSIONS) {
		this.all = history.map((entry) => entry.version);
		this.latest = this.all[this.all.length - 1];
	}

	/** The changes to `kind` of the parameter at `path`, oldest first, with their version. */
	private changesOf<K extends 'name' | 'default'>(path: ParameterPath, kind: K) {
		return this.history.flatMap((entry) =>
			entry.changes.flatMap((change) =>
				'parameter' in change && change.parameter === path && kind in change
					? [
							{
								version: entry.version,
								change: (change as Record<K, { from: unknown; to: unknown }>)[kind],
							},
						]
					: [],
			),
		);
	}

	/** The value in `version`: the newest change made by then, else what the oldest replaced. */
	private valueAt<K extends 'name' | 'default'>(version: number, path: ParameterPath, kind: K) {
		const changes = this.changesOf(path, kind);
		if (changes.length === 0) return { key: '', value: undefined };
		const made = changes.filter((c) => c.version <= version);
		return made.length
			? { key: `${kind}@${made[made.length - 1].version}`, value: made[made.length - 1].change.to }
			: { key: `${kind}<${changes[0].version}`, value: changes[0].change.from };
	}

	/** Whether the parameter at `path` exists in `version` (added or removed by some version). */
	private present(version: number, path: ParameterPath): boolean {
		for (const entry of this.history) {
			for (const change of entry.changes) {
				if (!('parameter' in change) || change.parameter !== path) continue;
				if ('added' in change && version < entry.version) return false;
				if ('removed' in change && version >= entry.version) return false;
			}
		}
		return true;
	}

	/**
	 * How a field of the newest node reads in `version`, and a key equal for equal forms; no
	 * field where the version does not have it.
	 */
	private form(
		version: number,
		where: string,
		field: HeroField,
	): { key: string; field: HeroField | undefined } {
		const path = `${where}.${field.property.name}`;
		if (!this.present(version, path)) return { key: 'absent', field: undefined };
		let property = field.property;
		const keys: string[] = [];
		for (const entry of this.history) {
			if (entry.version <= version) continue;
			for (const change of entry.changes) {
				if (!('pickers' in change) || !field.picker) continue;
				if (change.pickers.typedIdBefore.includes(path)) property = typedIdProperty(field);
				else if (!field.required) property = dropdownProperty(field);
				else continue;
				keys.push(`picker<${entry.version}`);
			}
		}
		const name = this.valueAt(version, path, 'name');
		if (name.key) property = { ...property, name: name.value as string };
		const fallback = this.valueAt(version, path, 'default');
		if (fallback.key)
			property = { ...property, default: fallback.value as INodeProperties['default'] };
		keys.push(name.key, fallback.key);
		const key = keys.filter(Boolean).join(' ');
		return { key, field: property === field.property ? field : { ...field, property } };
	}

	/** The forms of one field across versions, each with the versions that show it. */
	variants(where: string, field: HeroField): Variant[] {
		const variants = new Map<string, Variant>();
		for (const version of this.all) {
			const { key, field: form } = this.form(version, where, field);
			if (!form) continue;
			const known = variants.get(key);
			if (known) known.versions.push(version);
			else variants.set(key, { versions: [version], field: form });
		}
		return [...variants.values()];
	}

	/** The resources as a node of `version` reads them: its parameters, the same requests. */
	resourcesFor(resources: HeroResource[], version: number): HeroResource[] {
		const cache = this.read.get(resources) ?? new Map<number, HeroResource[]>();
		this.read.set(resources, cache);
		let read = cache.get(version);
		if (!read) {
			read = resources.map((resource) => ({
				...resource,
				operations: resource.operations.map((operation) => ({
					...operation,
					fields: operation.fields.flatMap((field) => {
						const where = `${resource.value}.${operation.value}`;
						const form = this.form(version, where, field).field;
						return form ? [form] : [];
					}),
				})),
			}));
			cache.set(version, read);
		}
		return read;
	}
}

export const VERSIONS_OF_NODE = new NodeVersions();
export const VERSIONS = VERSIONS_OF_NODE.all;
export const LATEST = VERSIONS_OF_NODE.latest;

/** The resources as a node of `version` reads them (the node's own history). */
export function resourcesFor(resources: HeroResource[], version: number): HeroResource[] {
	return VERSIONS_OF_NODE.resourcesFor(resources, version);
}
