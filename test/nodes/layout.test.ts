// The house's shape, checked: no import circle under nodes/, no long file but resource data,
// and the `[item N]` prefix built in one place.
import { listProjectFolder, readProjectFile } from '../harness/files';

/** Every .ts file under `folder`, as project paths. */
function sourcesUnder(folder: string): string[] {
	return listProjectFolder(folder).flatMap((name) => {
		if (name.endsWith('/')) return sourcesUnder(`${folder}${name}`);
		return name.endsWith('.ts') ? [`${folder}${name}`] : [];
	});
}

/** The project files a source imports, type-only imports included: relative paths resolved. */
function importsOf(file: string, source: string, known: Set<string>): string[] {
	const folder = file.slice(0, file.lastIndexOf('/') + 1);
	return [...source.matchAll(/^(?:import|export)\b[^;]*?from '(\.[^']+)'/gms)].flatMap(
		([, spec]) => {
			const parts = `${folder}${spec}`.split('/');
			const path: string[] = [];
			for (const part of parts) {
				if (part === '..') path.pop();
				else if (part !== '.') path.push(part);
			}
			const base = path.join('/');
			return [`${base}.ts`, `${base}/index.ts`].filter((candidate) => known.has(candidate));
		},
	);
}

/** The first import circle found, as the files around it; undefined when there is none. */
function circleIn(graph: Map<string, string[]>): string[] | undefined {
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string): string[] | undefined => {
		if (state.get(file) === 'done') return undefined;
		if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file];
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			const found = visit(next);
			if (found) return found;
		}
		stack.pop();
		state.set(file, 'done');
		return undefined;
	};
	for (const file of graph.keys()) {
		const found = visit(file);
		if (found) return found;
	}
	return undefined;
}

const files = sourcesUnder('nodes/');
const sources = new Map(files.map((file) => [file, readProjectFile(file)]));
const graph = new Map(
	files.map((file) => [file, importsOf(file, sources.get(file)!, new Set(files))]),
);

describe('the house', () => {
	it('has no import circle under nodes/, type-only imports included', () => {
		expect(files.length).toBeGreaterThan(50);
		expect([...graph.values()].flat().length).toBeGreaterThan(100);
		expect(circleIn(graph)).toBeUndefined();
	});

	it('finds a circle when there is one (fixture: run/router.ts imported back by model.ts)', () => {
		const circular = new Map(graph);
		circular.set('nodes/HeroHealth/model.ts', [
			...(graph.get('nodes/HeroHealth/model.ts') ?? []),
			'nodes/HeroHealth/run/router.ts',
		]);
		expect(circleIn(circular)).toEqual(
			expect.arrayContaining(['nodes/HeroHealth/model.ts', 'nodes/HeroHealth/run/router.ts']),
		);
	});

	it('has no file over 400 lines in nodes/ but resource data (resources/)', () => {
		const long = files
			.filter((file) => !file.startsWith('nodes/HeroHealth/resources/'))
			.map((file) => [file, sources.get(file)!.split('\n').length] as const)
			.filter(([, lines]) => lines > 400);
		expect(long).toEqual([]);
	});

	it('builds the [item N] prefix in one place (shared/transport/errors.ts)', () => {
		const building = files.filter((file) => /`\[item \$\{/.test(sources.get(file)!));
		expect(building).toEqual(['nodes/shared/transport/errors.ts']);
	});
});
