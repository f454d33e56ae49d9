// The hazard log names the tests that prove each control; this keeps the names true.
import { RESOURCES } from '../../nodes/HeroHealth/resources';
import { projectPathExists, readProjectFile } from '../harness/files';

const HAZARDS = [
	'The wrong patient is messaged',
	'A message is sent twice',
	'A message is sent at night',
	'A message is sent to a patient who has died',
	'A booking is made in the wrong slot or for the wrong practice',
	'Patient data is left in execution history or logs',
	'A forged or replayed webhook starts a workflow',
	'A value from a spreadsheet is read wrongly',
	'A list stops short without saying so',
	'A rate limit drops messages',
	'A Hero field the package only inferred behaves differently',
	'A safety control is silently off',
	'Stale campaign content is sent',
	'A file sent to a patient is not what it says',
	'A patient is not reached and nobody knows',
	'An SMS campaign costs far more than planned',
];

/** Every `file` › "test name" the log names. */
function linkedTests(log: string): Array<{ file: string; name: string }> {
	return [...log.matchAll(/`(test\/[^`]+\.test\.(?:ts|js))` › "([^"]+)"/g)].map(
		([, file, name]) => ({ file, name }),
	);
}

/** The named tests that do not exist: no such file, or no test of that name in it. */
function missingTests(log: string, read: (file: string) => string | undefined): string[] {
	return linkedTests(log).flatMap(({ file, name }) => {
		const source = read(file);
		if (source === undefined) return [`${file}: no such file`];
		// The name as the test source writes it, in any quotes.
		const quoted = [`'${name.replace(/'/g, "\\'")}'`, `"${name}"`, `\`${name}\``];
		return quoted.some((form) => source.includes(form))
			? []
			: [`${file} › "${name}": no such test`];
	});
}

const log = readProjectFile('docs/clinical-safety.md');
const readIfThere = (file: string) => (projectPathExists(file) ? readProjectFile(file) : undefined);

describe('docs/clinical-safety.md, the hazard log', () => {
	it('names every test it links, and each exists', () => {
		expect(linkedTests(log).length).toBeGreaterThan(40);
		expect(missingTests(log, readIfThere)).toEqual([]);
	});

	it.each(HAZARDS)(
		'has the hazard "%s" with cause, effect, risks, controls proved by tests, and what the practice must do',
		(hazard) => {
			const start = log.indexOf(`. ${hazard}\n`);
			expect(start).toBeGreaterThan(0);
			const section = log.slice(
				start,
				log.indexOf('\n### ', start + 1) > 0 ? log.indexOf('\n### ', start + 1) : undefined,
			);
			for (const part of [
				'**Cause**',
				'**Effect on the',
				'**Initial risk**',
				'**Controls in the package**',
				'**Residual risk**',
				'**The practice must**',
			]) {
				expect(section).toContain(part);
			}
			expect(linkedTests(section).length).toBeGreaterThanOrEqual(2);
		},
	);

	it("says plainly that sign-off needs the practice's own Clinical Safety Officer", () => {
		expect(log).toContain("**Sign-off needs the practice's own Clinical Safety Officer.**");
	});

	it('fails when a linked test is renamed (fixture: one test renamed in its source)', () => {
		const [first] = linkedTests(log);
		const renamed = (file: string) => {
			const source = readIfThere(file);
			return file === first.file && source
				? source.split(first.name).join(`${first.name} (renamed)`)
				: source;
		};
		expect(missingTests(log, renamed)).toContain(`${first.file} › "${first.name}": no such test`);
	});

	it('fails when a linked file is gone', () => {
		const gone = log.replace(
			'test/nodes/HeroHealth/safety/safety.test.ts',
			'test/nodes/HeroHealth/gone.test.ts',
		);
		expect(missingTests(gone, readIfThere)).toContain(
			'test/nodes/HeroHealth/gone.test.ts: no such file',
		);
	});

	it('lists every Hero endpoint that contacts a patient, with each way of reaching it', () => {
		const table = log.slice(
			log.indexOf('## Where a patient is contacted'),
			log.indexOf('## Hazards'),
		);
		const contacting = RESOURCES.flatMap((resource) => resource.operations).filter(
			(operation) => operation.contacts && !operation.run,
		);
		expect(contacting.length).toBeGreaterThanOrEqual(2);
		for (const operation of contacting) {
			const rows = table
				.split('\n')
				.filter((line) => line.includes(`\`${operation.method} ${operation.path}\``));
			expect(rows.join('\n')).toContain('Custom API Call');
			expect(rows.length).toBeGreaterThanOrEqual(2);
		}
		expect(table).toContain('Send to Many');
	});
});
