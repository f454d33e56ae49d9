// The parameter reader: a parameter without an expression is read once per run; one that maps a
// field of the item (`{{ $json.field }}`) reads the field, exactly what n8n's evaluation gives.
import type { IDataObject } from 'n8n-workflow';

import { byId, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const items = [
	{ id: '401' },
	{ id: 402 },
	{ id: ' 403 ' },
	{ other: 'x' },
	{ id: { nested: true } },
];
const run = (practitionerId: IDataObject) =>
	runHero(
		{ resource: 'practiceGroup', operation: 'getPractitioner', practitionerId },
		{ fake, items, continueOnFail: true },
	);

describe('parameter reader', () => {
	it("a mapped field reads the same values n8n's own evaluation gives, errors included", async () => {
		const direct = await run(byId('={{ $json.id }}'));
		const directPaths = fake.requests.map((r) => r.path);
		fake.requests.length = 0;
		// Not a plain field, so n8n evaluates it.
		const evaluated = await run(byId('={{ $json["id"] }}'));
		expect(fake.requests.map((r) => r.path)).toEqual(directPaths);
		expect(direct.json).toEqual(evaluated.json);
		expect(
			direct.json.map((j) => (j.error ? String(j.error).replace(/^\[item \d\] /, '') : j.id)),
		).toEqual([
			'401',
			'402',
			'403',
			'Practitioner is required',
			'Practitioner: must be text, not an object: map one of its fields instead',
		]);
	});

	it('in a plain string parameter too, and in a collection only through n8n', async () => {
		const sent = await runHero(
			{ resource: 'message', operation: 'get', messageId: '={{ $json.id }}' },
			{ fake, items: [{ id: '1' }, { id: '2' }], continueOnFail: true },
		);
		expect(sent.json).toHaveLength(2);
		expect(fake.requestsFor('getMessage').map((r) => r.path)).toEqual([
			'/v1/messages/1',
			'/v1/messages/2',
		]);
	});
});
