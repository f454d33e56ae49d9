// The node's parameters as saved workflows depend on them: per node and version, each
// parameter's place, name, type, default and allowed values. A committed snapshot of them is
// append-only: a version's existing parameters may gain labels and descriptions, never change
// name, type, default or values. Such a change needs a new node version.
import type { INodeProperties } from 'n8n-workflow';

import { buildProperties } from '../../../nodes/HeroHealth/description';
import { RESOURCES } from '../../../nodes/HeroHealth/resources';
import type { HeroResource } from '../../../nodes/HeroHealth/model';
import { resourcesFor, VERSIONS } from '../../../nodes/HeroHealth/versions';
import { HeroHealthOutcomesTrigger } from '../../../nodes/HeroHealthOutcomesTrigger/HeroHealthOutcomesTrigger.node';
import { HeroHealthTrigger } from '../../../nodes/HeroHealthTrigger/HeroHealthTrigger.node';

export interface Parameter {
	type: string;
	default: unknown;
	values?: unknown[];
	label: string;
}

/** `node@version` → `resource operation path` → parameter. */
export type Snapshot = Record<string, Record<string, Parameter>>;

function entries(
	properties: INodeProperties[],
	prefix = '',
	into: Record<string, Parameter> = {},
): Record<string, Parameter> {
	for (const property of properties) {
		if (property.type === 'notice') continue;
		const show = property.displayOptions?.show ?? {};
		const where =
			prefix || `${String(show.resource?.[0] ?? '*')} ${String(show.operation?.[0] ?? '*')} `;
		const key = `${where}${property.name}`;
		const values =
			property.type === 'options' || property.type === 'multiOptions'
				? (property.options ?? []).map((option) => ('value' in option ? option.value : option.name))
				: property.type === 'resourceLocator'
					? (property.modes ?? []).map((mode) => mode.name)
					: undefined;
		into[key] = {
			type: property.type,
			default: property.default,
			...(values ? { values } : {}),
			label: property.displayName,
		};
		if (property.type === 'collection') {
			entries((property.options ?? []) as INodeProperties[], `${key}.`, into);
		}
	}
	return into;
}

export function snapshotOf(resources: HeroResource[] = RESOURCES): Snapshot {
	const snapshot: Snapshot = {};
	for (const version of VERSIONS) {
		snapshot[`heroHealth@${version}`] = entries(buildProperties(resourcesFor(resources, version)));
	}
	snapshot['heroHealthTrigger@1'] = entries(new HeroHealthTrigger().description.properties);
	snapshot['heroHealthOutcomesTrigger@1'] = entries(
		new HeroHealthOutcomesTrigger().description.properties,
	);
	return snapshot;
}

export interface Differences {
	/** Saved workflows would break: a parameter gone, or its type, default or values changed. */
	broken: string[];
	/** New parameters or relabelled ones, not yet recorded (npm run docs records them). */
	unrecorded: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function compare(committed: Snapshot, built: Snapshot): Differences {
	const broken: string[] = [];
	const unrecorded: string[] = [];
	for (const [node, parameters] of Object.entries(committed)) {
		const now = built[node];
		if (!now) {
			broken.push(`${node}: the node version is gone`);
			continue;
		}
		for (const [key, was] of Object.entries(parameters)) {
			const is = now[key];
			if (!is) broken.push(`${node} ${key}: the parameter is gone (renamed or removed)`);
			else if (is.type !== was.type)
				broken.push(`${node} ${key}: type ${was.type} became ${is.type}`);
			else if (!same(is.default, was.default))
				broken.push(
					`${node} ${key}: default ${JSON.stringify(was.default)} became ${JSON.stringify(is.default)}`,
				);
			else if (was.values && !was.values.every((value) => is.values?.some((v) => same(v, value)))) {
				broken.push(
					`${node} ${key}: values ${JSON.stringify(was.values)} became ${JSON.stringify(is.values)}`,
				);
			} else if (is.label !== was.label || !same(is.values, was.values))
				unrecorded.push(`${node} ${key}: "${was.label}" is now "${is.label}"`);
		}
		for (const key of Object.keys(now))
			if (!(key in parameters)) unrecorded.push(`${node} ${key}: new`);
	}
	for (const node of Object.keys(built))
		if (!(node in committed)) unrecorded.push(`${node}: new version`);
	return { broken, unrecorded };
}
