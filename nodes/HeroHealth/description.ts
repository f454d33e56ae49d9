import type { INodeProperties } from 'n8n-workflow';

import { FIDELITY } from './fidelity';
import type { Fidelity, HeroField, HeroOperation, HeroResource } from './types';

/** How fully Hero documents the operation, from the bundled spec's markers. */
export function fidelityOf(operation: HeroOperation): Fidelity {
	if (operation.custom) return { level: 'documented', gaps: [] };
	return FIDELITY[`${operation.method} ${operation.path}`] ?? { level: 'documented', gaps: [] };
}

const HATCHES = 'Extra Body Fields and Extra Query Parameters (under Additional Fields or Filters) send what Hero names that the node does not know.';

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

/** Optional fields of writes live in Additional Fields, of reads in Filters. */
export function collectionOf(operation: HeroOperation): { name: string; displayName: string } {
	if (operation.custom) return { name: 'options', displayName: 'Options' };
	return operation.method === 'GET'
		? { name: 'filters', displayName: 'Filters' }
		: { name: 'additionalFields', displayName: 'Additional Fields' };
}

function byName<T extends { name: string }>(a: T, b: T): number {
	return a.name.localeCompare(b.name);
}

function show(resource: string, operation: string, extra: HeroField['showWhen'] = {}) {
	return { displayOptions: { show: { resource: [resource], operation: [operation], ...extra } } };
}

function operationProperties(resource: HeroResource, operation: HeroOperation): INodeProperties[] {
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
	for (const field of operation.fields.filter((f) => f.required)) {
		properties.push({ ...field.property, ...show(resource.value, operation.value, field.showWhen) });
	}
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
	if (operation.simplify) {
		properties.push({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				'Whether to return a simplified version of the response instead of the raw data',
			...where,
		});
	}
	const optional = operation.fields.filter((f) => !f.required);
	if (optional.length) {
		const { name, displayName } = collectionOf(operation);
		properties.push({
			displayName,
			name,
			type: 'collection',
			placeholder: name === 'filters' ? 'Add Filter' : name === 'options' ? 'Add Option' : 'Add Field',
			default: {},
			options: optional.map((f) => f.property).sort((a, b) => byName(a, b)),
			...where,
		});
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

/** Every property of the node, read from the resource and operation entries. */
export function buildProperties(resources: HeroResource[]): INodeProperties[] {
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
			properties.push(...operationProperties(resource, operation));
		}
	}
	properties.push(requestOptionsProperty);
	return properties;
}

function withVersions(property: INodeProperties, versions: number[]): INodeProperties {
	const show = { ...(property.displayOptions?.show ?? {}), '@version': versions };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/**
 * One property list for every version: a property that is the same in all of them appears
 * once; one that differs appears once per version, shown only there (n8n's `@version`).
 * Versions differ only in parameter names, so their lists line up one to one (a test holds it).
 */
export function versionedProperties(byVersion: Array<[number, INodeProperties[]]>): INodeProperties[] {
	const [[, first], ...rest] = byVersion;
	const merged: INodeProperties[] = [];
	first.forEach((property, index) => {
		if (rest.every(([, list]) => JSON.stringify(list[index]) === JSON.stringify(property))) {
			merged.push(property);
			return;
		}
		for (const [version, list] of byVersion) merged.push(withVersions(list[index], [version]));
	});
	return merged;
}
