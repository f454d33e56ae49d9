import type { INodeProperties } from 'n8n-workflow';

import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import { RESOURCES } from '../../../nodes/HeroHealth/resources';

const node = new HeroHealth();
const properties = node.description.properties;

function allProperties(list: INodeProperties[]): INodeProperties[] {
	return list.flatMap((p) => [
		p,
		...allProperties((p.options ?? []).filter((o): o is INodeProperties => 'type' in o)),
	]);
}

describe('node description', () => {
	it('within a node version, a parameter name always has the same type, so switching operation keeps values sane', () => {
		const types = new Map<string, Set<string>>();
		for (const p of properties) {
			const versions =
				(p.displayOptions?.show?.['@version'] as number[] | undefined) ??
				(node.description.version as number[]);
			for (const version of versions) {
				const key = `${p.name} (version ${version})`;
				if (!types.has(key)) types.set(key, new Set());
				types.get(key)?.add(p.type);
			}
		}
		const mixed = [...types]
			.filter(([, set]) => set.size > 1)
			.map(([name, set]) => `${name}: ${[...set].join(', ')}`);
		expect(mixed).toEqual([]);
	});

	it('booleans say "Whether", every operation has an action and a description, values are unique', () => {
		for (const p of allProperties(properties).filter((p) => p.type === 'boolean')) {
			expect(`${p.name}: ${p.description}`).toMatch(/^\w+: Whether /);
		}
		for (const resource of RESOURCES) {
			const values = resource.operations.map((o) => o.value);
			expect(new Set(values).size).toBe(values.length);
			for (const op of resource.operations) {
				expect(op.action).toMatch(/^[A-Z][a-z]/);
				expect(op.description.length).toBeGreaterThan(15);
			}
		}
	});

	it('offers Return All and Limit on every list, and is usable as an AI tool', () => {
		// Lists, and Get Outcomes (a batch named without a recipient gives all its recipients).
		const lists = RESOURCES.flatMap((r) =>
			r.operations
				.filter((o) => o.list || o.fields.some((f) => f.property.name === 'returnAll'))
				.map((o) => o.value),
		);
		const returnAll = properties
			.filter((p) => p.name === 'returnAll')
			.flatMap((p) => p.displayOptions?.show?.operation ?? []);
		expect(returnAll.sort()).toEqual(lists.sort());
		expect(node.description.usableAsTool).toBe(true);
	});
});

describe('operations Hero offers in two versions', () => {
	const { RESOURCES } = jest.requireActual('../../../nodes/HeroHealth/resources');
	const pairs: Array<
		[string, { name: string; description: string }, { name: string; description: string }]
	> = [];
	for (const resource of RESOURCES as Array<{
		name: string;
		operations: Array<{ name: string; description: string; heroName: string }>;
	}>) {
		for (const newer of resource.operations) {
			const stem = newer.heroName.replace(/ \(v\d\)$/, '');
			const older =
				stem !== newer.heroName && resource.operations.find((op) => op.heroName === stem);
			if (older) pairs.push([`${resource.name}: ${older.name} / ${newer.name}`, older, newer]);
		}
	}

	it('are found', () => {
		expect(pairs.map(([label]) => label)).toEqual([
			'Episode: Get Many / Get Many (V2)',
			'Episode: Get / Get (V2)',
			'Patient: Get / Get (V2)',
			'Patient: Get Many / Search',
		]);
	});

	it.each(pairs)('%s: each names the other and says how they differ', (_label, older, newer) => {
		expect(older.description).toContain(newer.name);
		expect(newer.description).toContain(older.name);
	});
});
