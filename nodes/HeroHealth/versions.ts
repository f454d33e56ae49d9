import type { HeroField, HeroResource } from './types';

/**
 * The node's versions; new nodes get the last. Saved workflows keep the one they were built with.
 * 2: each parameter name has one type. 3: records picked From List or By ID (resource locators)
 * wherever Hero lists them, also among optional fields.
 */
export const VERSIONS = [1, 2, 3];
export const LATEST = VERSIONS[VERSIONS.length - 1];

/**
 * What version 1 called the parameters version 2 renamed, by `resource.operation.v2Name`.
 * Version 2 gave each name one type within a collection, so that switching operation never
 * leaves a value of the wrong type behind (Order By was options, a list and text; Status was a
 * list and text; Assignee ID a number and text).
 */
const V1_NAMES: Record<string, string> = {
	'episode.list.orderByFields': 'orderBy',
	'link.listShortLinks.orderByField': 'orderBy',
	'subscription.list.orderByField': 'orderBy',
	'message.listBatches.batchStatus': 'status',
	'message.send.messageAssigneeId': 'assigneeId',
};

function asVersion(version: number, resource: string, operation: string, field: HeroField): HeroField {
	let property = field.property;
	if (field.earlier && version < field.earlier.before) property = field.earlier.property;
	const name = version < 2 ? V1_NAMES[`${resource}.${operation}.${property.name}`] : undefined;
	if (name) property = { ...property, name };
	return property === field.property ? field : { ...field, property };
}

/** The resources as a node of `version` reads them: its parameters, same requests. */
export function resourcesFor(resources: HeroResource[], version: number): HeroResource[] {
	if (version >= LATEST) return resources;
	return resources.map((resource) => ({
		...resource,
		operations: resource.operations.map((operation) => ({
			...operation,
			fields: operation.fields.map((field) => asVersion(version, resource.value, operation.value, field)),
		})),
	}));
}
