import { fidelityOf } from '../../nodes/HeroHealth/fidelity';
import { RESOURCES } from '../../nodes/HeroHealth/resources';
import { withTable } from '../../scripts/codegen/operations-table';
import { listProjectFolder, projectPathExists, readProjectFile } from '../harness/files';

/** The paths the README's Layout tree names: a two-space indent is inside the folder above. */
function layoutPaths(readme: string): string[] {
	const block = /### Layout\n\n```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
	const paths: string[] = [];
	let folder = '';
	for (const line of block.split('\n')) {
		if (!line.trim() || /^\s{4,}/.test(line)) continue;
		const nested = line.startsWith('  ');
		const names = line
			.trim()
			.split(/\s{2,}/)[0]
			.split(', ');
		for (const name of names) {
			const full = nested ? `${folder}${name}` : name;
			paths.push(full);
			if (!nested && name.endsWith('/')) folder = name;
		}
	}
	return paths;
}

describe('README', () => {
	it('has an operations table generated from the current operation entries (run npm run docs)', () => {
		const readme = readProjectFile('README.md');
		expect(readme).toBe(withTable(readme, RESOURCES, fidelityOf));
	});

	it('Layout names only paths that exist', () => {
		const paths = layoutPaths(readProjectFile('README.md'));
		expect(paths.length).toBeGreaterThan(30);
		expect(paths.filter((path) => !projectPathExists(path))).toEqual([]);
	});

	it.each(['nodes/', 'nodes/shared/', 'nodes/HeroHealth/', 'nodes/HeroHealthTrigger/', 'dev/'])(
		'Layout names everything in %s (icons, codex files and type declarations aside)',
		(folder) => {
			const paths = new Set(layoutPaths(readProjectFile('README.md')));
			const unnamed = listProjectFolder(folder)
				.filter((name) => !/\.(svg|json|d\.ts)$/.test(name))
				.filter((name) => !paths.has(`${folder}${name}`));
			expect(unnamed).toEqual([]);
		},
	);
});
