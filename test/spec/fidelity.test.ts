import { fidelitySource, fidelityTable, OUT } from '../../scripts/codegen/fidelity';
import { fidelityOf } from '../../nodes/HeroHealth/fidelity';
import { RESOURCES } from '../../nodes/HeroHealth/resources';
import { readProjectFile } from '../harness/files';

const operations = RESOURCES.flatMap((resource) =>
	resource.operations
		.filter((op) => !op.custom)
		.map((op) => ({ label: `${resource.name} > ${op.name}`, op })),
);

describe('fidelity: how fully Hero documents each operation', () => {
	it('the node reads the level the spec markers give, for every operation (npm run docs regenerates)', () => {
		const table = fidelityTable();
		const disagreements = operations
			.filter(({ op }) => {
				const fromSpec = table[`${op.method} ${op.path}`];
				return (
					!fromSpec ||
					fromSpec.level !== fidelityOf(op).level ||
					fromSpec.gaps.join() !== fidelityOf(op).gaps.join()
				);
			})
			.map(({ label }) => label);
		expect(disagreements).toEqual([]);
		expect(readProjectFile(OUT.slice(OUT.indexOf('nodes/')))).toBe(fidelitySource(table));
	});

	it('every operation that is not fully documented shows a notice saying so', () => {
		const { HeroHealth } = jest.requireActual('../../nodes/HeroHealth/HeroHealth.node');
		const properties = new HeroHealth().description.properties as Array<{
			type: string;
			displayName: string;
			displayOptions?: { show?: Record<string, string[]> };
		}>;
		for (const resource of RESOURCES) {
			for (const op of resource.operations) {
				const notices = properties.filter(
					(p) =>
						p.type === 'notice' &&
						p.displayOptions?.show?.resource?.[0] === resource.value &&
						p.displayOptions?.show?.operation?.[0] === op.value,
				);
				const level = fidelityOf(op).level;
				const says = notices.some((n) =>
					(level === 'inferred' ? /was inferred/ : /only partly captured/).test(n.displayName),
				);
				expect({
					op: `${resource.name} > ${op.name}`,
					noticed: level === 'documented' ? 'n/a' : says,
				}).toEqual({
					op: `${resource.name} > ${op.name}`,
					noticed: level === 'documented' ? 'n/a' : true,
				});
			}
		}
	});

	it('reads the markers as documented, partly captured or inferred', () => {
		const { fidelityOf: fromMarkers } = jest.requireActual('../../scripts/codegen/fidelity');
		expect(fromMarkers({})).toEqual({ level: 'documented', gaps: [] });
		expect(fromMarkers({ 'x-response-schema-unknown': true })).toEqual({
			level: 'partial',
			gaps: ['its response was not captured'],
		});
		expect(fromMarkers({ 'x-hero-confidence': 'inferred', 'x-truncated': true }).level).toBe(
			'inferred',
		);
		expect(fromMarkers({ 'x-unverified': 'path from a brief' }).level).toBe('inferred');
	});
});
