// Selected Fields and Record Fields accept the fields of Hero's patient records: the list in
// nodes/shared/output.ts is the API description's, no more and no less.
import { parse } from 'yaml';

import { PATIENT_FIELDS, SAFETY_KEYS } from '../../nodes/shared/output';
import { readProjectFile } from '../harness/files';

const spec = parse(readProjectFile('spec/hero-openapi.yaml')) as {
	components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};
const fieldsOf = (schema: string) => Object.keys(spec.components.schemas[schema].properties ?? {});

describe("patient record fields, from Hero's API description", () => {
	it('are the fields of Patient and PatientRecord', () => {
		const described = [...new Set([...fieldsOf('Patient'), ...fieldsOf('PatientRecord')])].sort();
		expect([...PATIENT_FIELDS].sort()).toEqual(described);
	});

	it('include the safety fields every short form keeps', () => {
		for (const key of SAFETY_KEYS) expect(PATIENT_FIELDS).toContain(key);
	});
});
