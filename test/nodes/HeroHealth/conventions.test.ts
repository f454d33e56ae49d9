// n8n's conventions, checked on the built description, nested properties included: n8n's lint
// rules cannot see properties built by helper functions, so this stands in for them.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { buildProperties } from '../../../nodes/HeroHealth/description';
import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import {
	normaliseDate,
	normaliseDateTime,
	normaliseNhsNumber,
	normaliseUkMobile,
} from '../../../nodes/shared/normalise';
import { RESOURCES } from '../../../nodes/HeroHealth/resources';
import { resourcesFor, VERSIONS } from '../../../nodes/HeroHealth/versions';
import { HeroHealthTrigger } from '../../../nodes/HeroHealthTrigger/HeroHealthTrigger.node';

interface Placed {
	where: string;
	property: INodeProperties;
}

function walk(properties: INodeProperties[], prefix = ''): Placed[] {
	return properties.flatMap((property) => {
		const show = property.displayOptions?.show ?? {};
		const where = `${prefix}${String(show.resource?.[0] ?? '')}/${String(show.operation?.[0] ?? '')}/${property.name}`;
		const nested =
			property.type === 'collection'
				? walk((property.options ?? []) as INodeProperties[], `${where}.`)
				: [];
		return [{ where, property }, ...nested];
	});
}

const SMALL = [
	'a',
	'an',
	'and',
	'as',
	'at',
	'by',
	'for',
	'from',
	'in',
	'of',
	'on',
	'or',
	'the',
	'to',
	'via',
	'with',
];
function isTitleCase(text: string): boolean {
	return text
		.replace(/\(([^)]*)\)/g, '$1')
		.split(/\s+/)
		.every((word, index) => /^[A-Z0-9]/.test(word) || (index > 0 && SMALL.includes(word)));
}

const all = [
	...walk(new HeroHealth().description.properties),
	...walk(new HeroHealthTrigger().description.properties, 'trigger:'),
];
const parameters = all.filter(
	({ property }) =>
		!['notice', 'collection'].includes(property.type) &&
		!['resource', 'operation'].includes(property.name),
);

describe('conventions on the built description', () => {
	it('every parameter has a description (collections and notices aside)', () => {
		expect(
			parameters.filter(({ property }) => !property.description?.trim()).map(({ where }) => where),
		).toEqual([]);
		expect(parameters.length).toBeGreaterThan(350);
	});

	it('names are in Title Case, and so are the options offered', () => {
		const labels = all
			.filter(({ property }) => property.type !== 'notice')
			.map(({ where, property }) => [where, property.displayName] as const);
		const options = all.flatMap(({ where, property }) =>
			['options', 'multiOptions'].includes(property.type) &&
			!['resource', 'operation'].includes(property.name)
				? ((property.options ?? []) as INodePropertyOptions[]).map(
						(option) => [`${where} option`, option.name] as const,
					)
				: [],
		);
		const operations = RESOURCES.flatMap((resource) => [
			[resource.value, resource.name] as const,
			...resource.operations.map((op) => [`${resource.value} operation`, op.name] as const),
		]);
		expect([...labels, ...options, ...operations].filter(([, text]) => !isTitleCase(text))).toEqual(
			[],
		);
	});

	it('the add-node panel (action) and the Operation list (name) use the same words for an operation', () => {
		// Articles aside, and the resource's own noun, which a bare name such as "Get Many" leaves out.
		const words = (text: string, resource: string) => {
			const nouns = resource
				.toLowerCase()
				.split(/\s+/)
				.flatMap((word) => [word, `${word}s`, `${word}'s`]);
			return text
				.toLowerCase()
				.replace(/[()]/g, '')
				.split(/\s+/)
				.filter((word) => !['a', 'an', 'the'].includes(word) && !nouns.includes(word))
				.join(' ');
		};
		const differing = RESOURCES.flatMap((resource) =>
			resource.operations
				.filter((op) => words(op.action, resource.name) !== words(op.name, resource.name))
				.map((op) => `${resource.name} > ${op.name}: "${op.action}"`),
		);
		expect(differing).toEqual([]);
		// Sentence case: after the first word, only acronyms and names keep capitals.
		const PROPER = ['API', 'EHR', 'HCA', 'PDS', 'SNOMED', 'Heidi', 'Hero', 'Elements'];
		const shouting = RESOURCES.flatMap((resource) =>
			resource.operations.map((op) => op.action),
		).filter((action) =>
			action
				.split(/\s+/)
				.slice(1)
				.some(
					(word) => /[A-Z]/.test(word) && !PROPER.some((name) => word.replace(/'s$/, '') === name),
				),
		);
		expect(shouting).toEqual([]);
	});

	it('fields with a format say it, for people and for models filling them as an agent tool', () => {
		const formats: Array<[unknown, RegExp]> = [
			[normaliseNhsNumber, /10-digit NHS number/],
			[normaliseUkMobile, /UK mobile number; sent to Hero in \+44 format/],
			[normaliseDate, /YYYY-MM-DD/],
			[normaliseDateTime, /UK time/],
		];
		const checked = RESOURCES.flatMap((resource) =>
			resource.operations.flatMap((op) =>
				op.fields.flatMap((field) =>
					formats
						.filter(([normalise]) => field.normalise === normalise)
						.map(
							([, format]) =>
								[
									`${resource.value}.${op.value}.${field.property.name}`,
									field.property.description ?? '',
									format,
								] as const,
						),
				),
			),
		);
		expect(checked.length).toBeGreaterThan(20);
		expect(
			checked
				.filter(([, description, format]) => !format.test(description))
				.map(([where]) => where),
		).toEqual([]);
	});

	it('actions and descriptions are in sentence case', () => {
		const texts = [
			...RESOURCES.flatMap((resource) =>
				resource.operations.flatMap((op) => [op.action, op.description]),
			),
			...parameters.map(({ property }) => String(property.description)),
		];
		expect(texts.filter((text) => !/^[A-Z0-9"]/.test(text))).toEqual([]);
	});

	it('booleans start "Whether"', () => {
		const booleans = parameters.filter(({ property }) => property.type === 'boolean');
		expect(
			booleans
				.filter(({ property }) => !String(property.description).startsWith('Whether '))
				.map(({ where }) => where),
		).toEqual([]);
		expect(booleans.length).toBeGreaterThan(10);
	});

	it('options are in alphabetical order', () => {
		const unsorted = all.filter(({ property }) => {
			if (!['options', 'multiOptions'].includes(property.type)) return false;
			const names = ((property.options ?? []) as INodePropertyOptions[]).map(
				(option) => option.name,
			);
			return names.join('\n') !== [...names].sort((a, b) => a.localeCompare(b)).join('\n');
		});
		expect(unsorted.map(({ where }) => where)).toEqual([]);
	});

	it.each(VERSIONS)(
		'version %i reuses no parameter name with another type, at the top or within a collection',
		(version) => {
			const types = new Map<string, Set<string>>();
			for (const { where, property } of walk(buildProperties(resourcesFor(RESOURCES, version)))) {
				// Top-level names share one namespace; a collection's options share its value.
				const collection = where.includes('.') ? `${where.split('.')[0].split('/').pop()}.` : '';
				const key = `${collection}${property.name}`;
				if (!types.has(key)) types.set(key, new Set());
				types.get(key)?.add(property.type);
			}
			const mixed = [...types]
				.filter(([, set]) => set.size > 1)
				.map(([name, set]) => `${name}: ${[...set].sort().join(', ')}`);
			if (version === 1) {
				// Version 1 is frozen for saved workflows; version 2 resolved these.
				expect(mixed.sort()).toEqual([
					'additionalFields.assigneeId: number, string',
					'filters.orderBy: multiOptions, options, string',
					'filters.status: options, string',
				]);
			} else {
				expect(mixed).toEqual([]);
			}
		},
	);
});
