import { fidelityOf } from '../../nodes/HeroHealth/fidelity';
import { RESOURCES } from '../../nodes/HeroHealth/resources';
import { withTable } from '../../dev/operations-table';
import { readProjectFile } from '../harness/files';

describe('README', () => {
	it('has an operations table generated from the current operation entries (run npm run docs)', () => {
		const readme = readProjectFile('README.md');
		expect(readme).toBe(withTable(readme, RESOURCES, fidelityOf));
	});
});
