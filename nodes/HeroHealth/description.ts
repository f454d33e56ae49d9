import type { INodeProperties } from 'n8n-workflow';

import { fidelityOf } from './fidelity';
import type { HeroField, HeroOperation, HeroResource, ShowWhen } from './model';
import { collectionOf, isTopLevel, writes } from './model';
import type { NodeVersions, Variant } from './versions';

// The editor's description, read from the operation model. One builder serves one version
// (the snapshot and convention tests) and the node's every version at once, where fields that
// versions show differently carry the `@version` condition the versions module gives them.

const HATCHES =
	'Extra Body Fields and Extra Query Parameters (under Additional Fields or Filters) send what Hero names that the node does not know.';

function fidelityNotice(operation: HeroOperation): string | undefined {
	const { level, gaps } = fidelityOf(operation);
	if (level === 'inferred') {
		return `Hero documents this operation, but its endpoint could not be read from the reference and was inferred. Test it on staging first. ${HATCHES}`;
	}
	if (level === 'partial') {
		return `Hero's reference for this operation was only partly captured: ${gaps.join('; ')}. The node outputs whatever Hero answers. ${HATCHES}`;
	}
	return undefined;
}

function byName<T extends { name: string }>(a: T, b: T): number {
	return a.name.localeCompare(b.name);
}

function show(resource: string, operation: string, extra: ShowWhen = {}, versions?: number[]) {
	const conditions: ShowWhen = { resource: [resource], operation: [operation], ...extra };
	if (versions) conditions['@version'] = versions;
	return { displayOptions: { show: conditions } };
}

/** The forms a field takes, each with the versions showing it (none: the same in all). */
type VariantsOf = (where: string, field: HeroField) => Variant[];

/** One version's reading: every field has one form. */
const oneVersion: VariantsOf = (_where, field) => [{ versions: [], field }];

/** The `@version` condition for a form: none when every version shows it. */
function versionsOnly(versions: number[], all: number[]): number[] | undefined {
	return versions.length === 0 || versions.length === all.length ? undefined : versions;
}

/** Versions that show the same form of every field in `fields` share one collection. */
function collectionVariants(
	where: string,
	fields: HeroField[],
	variantsOf: VariantsOf,
	all: number[],
): Array<{ versions: number[]; fields: HeroField[] }> {
	const perField = fields.map((field) => variantsOf(where, field));
	if (all.length === 0)
		return [{ versions: [], fields: perField.map(([variant]) => variant.field) }];
	const groups = new Map<string, { versions: number[]; fields: HeroField[] }>();
	for (const version of all) {
		// -1: the field is not in this version.
		const picked = perField.map((variants) =>
			variants.findIndex((variant) => variant.versions.includes(version)),
		);
		const key = picked.join(',');
		const group = groups.get(key);
		if (group) group.versions.push(version);
		else {
			groups.set(key, {
				versions: [version],
				fields: picked.flatMap((at, i) => (at < 0 ? [] : [perField[i][at].field])),
			});
		}
	}
	return [...groups.values()].filter((group) => group.fields.length > 0);
}

function operationProperties(
	resource: HeroResource,
	operation: HeroOperation,
	variantsOf: VariantsOf,
	all: number[],
): INodeProperties[] {
	const at = `${resource.value}.${operation.value}`;
	const properties: INodeProperties[] = [];
	const where = show(resource.value, operation.value);
	const notices = [fidelityNotice(operation), operation.notice].filter((text): text is string =>
		Boolean(text),
	);
	notices.forEach((text, index) =>
		properties.push({
			displayName: text,
			name: index === 0 ? 'operationNotice' : `operationNotice${index}`,
			type: 'notice',
			default: '',
			...where,
		}),
	);
	const topLevel = (section?: 'output') =>
		operation.fields.filter((f) => isTopLevel(f) && f.section === section);
	const pushTopLevel = (fields: HeroField[]) => {
		for (const required of fields) {
			for (const { versions, field } of variantsOf(at, required)) {
				properties.push({
					...field.property,
					...show(resource.value, operation.value, field.showWhen, versionsOnly(versions, all)),
				});
			}
		}
	};
	pushTopLevel(topLevel());
	if (operation.list) {
		properties.push(
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				...where,
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				...show(resource.value, operation.value, { returnAll: [false] }),
			},
		);
	}
	if (writes(operation)) {
		properties.push({
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to check every field and output the request that would be sent (method, path, query, body and the practice it acts for) without sending anything to Hero',
			...where,
		});
	}
	// What the operation outputs (Simplify, or Output and its fields), after the list controls.
	pushTopLevel(topLevel('output'));
	const optional = operation.fields.filter((f) => !isTopLevel(f));
	if (optional.length) {
		const { name, displayName } = collectionOf(operation);
		const variants = collectionVariants(at, optional, variantsOf, all);
		for (const { versions, fields } of variants) {
			const only = versionsOnly(versions, all);
			properties.push({
				displayName,
				name,
				type: 'collection',
				placeholder:
					name === 'filters' ? 'Add Filter' : name === 'options' ? 'Add Option' : 'Add Field',
				default: {},
				options: fields.map((f) => f.property).sort((a, b) => byName(a, b)),
				...show(resource.value, operation.value, {}, only),
			});
		}
	}
	return properties;
}

export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 5,
			description:
				'How many items are sent to Hero at the same time. Lower it if Hero reports its rate limit.',
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 5,
			description:
				'How often a request is tried when Hero is rate limiting or, for reads, briefly unavailable. Sends are never repeated after a server fault.',
		},
		{
			displayName: 'Practice Group ID',
			name: 'practiceGroupId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 67890',
			description:
				"Act for another practice in the same Hero network (for example a PCN hub) instead of the credential's practice group",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How long to wait for Hero to answer one request',
		},
	],
};

function describe(
	resources: HeroResource[],
	variantsOf: VariantsOf,
	all: number[],
): INodeProperties[] {
	const sorted = [...resources].sort(byName);
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: sorted.map(({ name, value, description }) => ({ name, value, description })),
			default: 'message',
		},
	];
	for (const resource of sorted) {
		const operations = [...resource.operations].sort(byName);
		const first = operations[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			default: first,
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: operations.map(({ name, value, action, description }) => ({
				name,
				value,
				action,
				description,
			})),
		});
	}
	for (const resource of sorted) {
		for (const operation of resource.operations) {
			properties.push(...operationProperties(resource, operation, variantsOf, all));
		}
	}
	properties.push(requestOptionsProperty);
	return properties;
}

/** The properties one version of the node shows, from resources as that version reads them. */
export function buildProperties(resources: HeroResource[]): INodeProperties[] {
	return describe(resources, oneVersion, []);
}

/** Every version's properties in one list, as n8n takes them: `@version` where they differ. */
export function nodeProperties(
	resources: HeroResource[],
	versions: NodeVersions,
): INodeProperties[] {
	return describe(resources, (where, field) => versions.variants(where, field), versions.all);
}
