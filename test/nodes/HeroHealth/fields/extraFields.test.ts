// Extra Body Fields and Extra Query Parameters on every operation they fit: a field the node
// does not know arrives at Hero beside the node's own fields, and a value that is not a JSON
// object is refused before anything is sent.
import type { IDataObject } from 'n8n-workflow';

import { collectionOf } from '../../../../nodes/HeroHealth/model';
import { RESOURCES } from '../../../../nodes/HeroHealth/resources';
import type { HeroField, HeroOperation } from '../../../../nodes/HeroHealth/model';
import { byId, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

// Values the field vocabulary accepts, tried in turn for each required field.
const SAMPLES: unknown[] = [
	'401',
	'9990000018',
	'07700 900001',
	'patient@example.com',
	'2026-12-01T09:00:00Z',
	'ZZ99 3ZZ',
	'279991000000102',
	'7000001',
	'[{"nhs_number": "999 000 0018", "dob": "1970-01-31"}]',
	'Test text',
];

// Fields whose operation checks more than the field's own type.
const BY_NAME: IDataObject = { url: 'https://hooks.example.com/hero' };

// Operations whose own check needs one of two optional fields.
const OPTIONAL: Record<string, IDataObject> = {
	'invoicing.createInvoice': { patientId: '20001' },
	'link.createAttachmentLink': { ehrFileId: 'file-1' },
};

function sampleFor(field: HeroField): unknown {
	const { type, default: fallback, options } = field.property;
	if (type === 'resourceLocator') return byId('401');
	if (type === 'options') return fallback || (options?.[0] as { value: unknown }).value;
	if (type === 'number') return field.property.typeOptions?.minValue ?? 1;
	if (type === 'boolean') return false;
	return SAMPLES.find((value) => {
		try {
			return field.normalise?.(value) !== undefined;
		} catch {
			return false;
		}
	});
}

/** The operation's required fields filled with values it accepts; `extra` in its collection. */
function parametersFor(
	resource: string,
	operation: HeroOperation,
	extra: IDataObject,
): IDataObject {
	// Quiet hours and the patient read off: these tests are about the body, whatever the time.
	const parameters: IDataObject = {
		resource,
		operation: operation.value,
		sendWindow: 'off',
		contactabilityCheck: 'off',
	};
	for (const field of operation.fields.filter((f) => f.required)) {
		parameters[field.property.name] = (BY_NAME[field.property.name] ??
			sampleFor(field)) as IDataObject[string];
	}
	parameters[collectionOf(operation).name] = {
		...OPTIONAL[`${resource}.${operation.value}`],
		...extra,
	};
	return parameters;
}

const operations = RESOURCES.flatMap((resource) =>
	resource.operations.map((operation) => ({
		label: `${resource.name} > ${operation.name}`,
		resource: resource.value,
		operation,
	})),
);
const withBody = operations.filter(({ operation }) =>
	operation.fields.some((f) => f.place === 'extraBody'),
);
const withQuery = operations.filter(({ operation }) =>
	operation.fields.some((f) => f.place === 'extraQuery'),
);

describe('Extra Body Fields', () => {
	it('is offered exactly on the operations that send a body', () => {
		const sending = operations.filter(({ operation }) =>
			operation.fields.some((f) => f.place === 'body'),
		);
		expect(withBody.map((o) => o.label)).toEqual(sending.map((o) => o.label));
		expect(withBody.length).toBeGreaterThan(20);
	});

	// Send to Many (its own runner, several requests) has its own test of the extra field.
	it.each(withBody.filter((o) => !o.operation.run).map((o) => [o.label, o] as const))(
		"%s: the extra field arrives beside the node's own",
		async (_label, { resource, operation }) => {
			fake.undocumented.body.add('x_partner_note');
			const run = await runHero(
				parametersFor(resource, operation, {
					extraBodyFields: '{"x_partner_note": "from Hero\'s docs"}',
				}),
				{ fake, continueOnFail: true },
			);
			const [request] = fake.requests;
			expect({ sent: request !== undefined, error: run.json[0]?.error }).toEqual({
				sent: true,
				error: run.json[0]?.error,
			});
			expect(request.body.x_partner_note).toBe("from Hero's docs");
			const own = operation.fields
				.filter((f) => f.place === 'body' && f.required && !f.showWhen)
				.map((f) => f.apiKey.split('.')[0]);
			for (const key of own) expect(Object.keys(request.body)).toContain(key);
			expect(run.error).toBeUndefined();
		},
	);

	it.each(withBody.map((o) => [o.label, o] as const))(
		'%s: a value that is not a JSON object is refused before sending',
		async (_label, { resource, operation }) => {
			const run = await runHero(
				parametersFor(resource, operation, { extraBodyFields: '["memo"]' }),
				{ fake },
			);
			expect(run.error?.message).toBe(
				'[item 0] Extra Body Fields: must be a JSON object such as {"page_size": 10}',
			);
			expect(fake.requests).toHaveLength(0);
		},
	);
});

describe('Extra Query Parameters', () => {
	it('is offered exactly on the operations that take query parameters', () => {
		const querying = operations.filter(
			({ operation }) =>
				operation.fields.some((f) => f.place === 'query') || operation.list?.paginated,
		);
		expect(withQuery.map((o) => o.label)).toEqual(querying.map((o) => o.label));
		expect(withQuery.length).toBeGreaterThan(10);
	});

	it.each(withQuery.map((o) => [o.label, o] as const))(
		"%s: the extra parameter arrives beside the node's own",
		async (_label, { resource, operation }) => {
			fake.undocumented.query.add('x_partner_filter');
			const run = await runHero(
				{
					...parametersFor(resource, operation, {
						extraQueryParameters: '{"x_partner_filter": "yes"}',
					}),
					limit: 5,
				},
				{ fake, continueOnFail: true },
			);
			const [request] = fake.requests;
			expect(request).toBeDefined();
			expect(request.query.x_partner_filter).toEqual(['yes']);
			const own = operation.fields
				.filter((f) => f.place === 'query' && f.required && !f.showWhen)
				.map((f) => f.apiKey);
			for (const key of own) expect(Object.keys(request.query)).toContain(key);
			if (operation.list?.paginated) expect(request.query.page_size).toEqual(['5']);
			expect(run.error).toBeUndefined();
		},
	);

	it.each(withQuery.map((o) => [o.label, o] as const))(
		'%s: a value that is not a JSON object is refused before sending',
		async (_label, { resource, operation }) => {
			const run = await runHero(
				parametersFor(resource, operation, { extraQueryParameters: '"page_size=500"' }),
				{ fake },
			);
			expect(run.error?.message).toBe(
				'[item 0] Extra Query Parameters: must be a JSON object such as {"page_size": 10}',
			);
			expect(fake.requests).toHaveLength(0);
		},
	);
});
