import type { Snapshot } from './snapshot';
import { compare, snapshotOf } from './snapshot';
import { RESOURCES } from '../../../nodes/HeroHealth/resources';
import type { HeroResource } from '../../../nodes/HeroHealth/model';
import { readProjectFile, writingDocs, writeProjectFile } from '../../harness/files';

const FILE = 'test/nodes/HeroHealth/parameters.snapshot.json';
const committed = JSON.parse(readProjectFile(FILE)) as Snapshot;

/** The resources with one field changed, as a careless edit would. */
function edited(
	change: (field: { property: { displayName: string; name: string } }) => void,
): HeroResource[] {
	const copy = JSON.parse(JSON.stringify(RESOURCES)) as HeroResource[];
	const createAppointment = copy
		.find((r) => r.value === 'booking')!
		.operations.find((o) => o.value === 'createAppointment')!;
	change(createAppointment.fields.find((f) => f.property.displayName === 'Billpayer ID')!);
	return copy;
}

describe('parameters are a public API', () => {
	it('the built node matches the committed snapshot (npm run docs records additions and new labels)', () => {
		const built = snapshotOf();
		if (writingDocs()) {
			const { broken } = compare(committed, built);
			if (broken.length)
				throw new Error(`Not recorded, saved workflows would break:\n${broken.join('\n')}`);
			writeProjectFile(FILE, `${JSON.stringify(built, null, '\t')}\n`);
			return;
		}
		expect(compare(committed, built)).toEqual({ broken: [], unrecorded: [] });
	});

	it('a renamed label is caught: to be recorded, never silently', () => {
		const differences = compare(
			committed,
			snapshotOf(edited((field) => (field.property.displayName = 'Bill Payer ID'))),
		);
		expect(differences.broken).toEqual([]);
		expect(differences.unrecorded).toContain(
			'heroHealth@2 booking createAppointment additionalFields.billpayerId: "Billpayer ID" is now "Bill Payer ID"',
		);
	});

	it('a renamed parameter breaks the check: saved workflows would lose the value', () => {
		const differences = compare(
			committed,
			snapshotOf(edited((field) => (field.property.name = 'billPayerId'))),
		);
		expect(differences.broken).toContain(
			'heroHealth@2 booking createAppointment additionalFields.billpayerId: the parameter is gone (renamed or removed)',
		);
		expect(differences.broken).toContain(
			'heroHealth@1 booking createAppointment additionalFields.billpayerId: the parameter is gone (renamed or removed)',
		);
	});

	it('a changed type or default breaks it too', () => {
		const retyped = compare(
			committed,
			snapshotOf(edited((field) => Object.assign(field.property, { type: 'number' }))),
		);
		expect(retyped.broken).toContain(
			'heroHealth@2 booking createAppointment additionalFields.billpayerId: type string became number',
		);
	});
});
