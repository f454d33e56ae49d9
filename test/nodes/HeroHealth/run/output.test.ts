// What patient operations output (node version 4): Simplified, Raw or Selected Fields, with less
// for a restricted record and for an AI agent's tool.
import type { IDataObject } from 'n8n-workflow';

import { HeroHealth } from '../../../../nodes/HeroHealth/HeroHealth.node';
import { CONTACT_KEYS, PATIENT_FIELDS, SAFETY_KEYS } from '../../../../nodes/shared/output';
import {
	byId,
	heroCredentials,
	HERO_NODE,
	registerNodeType,
	runChain,
	runHero,
} from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const TOOL = `${HERO_NODE}Tool`;
registerNodeType(TOOL, new HeroHealth());

const OPERATIONS: Array<[string, IDataObject]> = [
	['Get', { resource: 'patient', operation: 'get', patientId: byId('20001') }],
	['Get (V2)', { resource: 'patient', operation: 'getV2', patientId: byId('20001') }],
	['Get Many', { resource: 'patient', operation: 'list', limit: 3 }],
	[
		'Search',
		{ resource: 'patient', operation: 'search', limit: 3, filters: { lastName: 'Example' } },
	],
	[
		'Get EHR Candidates',
		{ resource: 'patient', operation: 'listEhrCandidates', patientId: byId('20001') },
	],
];
const isId = (key: string) => key === 'id' || key.endsWith('_id');

afterEach(() => {
	for (const patient of fake.store.patients.values()) patient.restricted = false;
});

describe('Output on patient records', () => {
	it.each(OPERATIONS)(
		'%s: Simplified (the default) has at most 10 fields and the safety fields, and keeps the IDs',
		async (_label, parameters) => {
			const raw = await runHero({ ...parameters, output: 'raw' }, { fake });
			const simplified = await runHero(parameters, { fake });
			expect(raw.error?.message).toBeUndefined();
			expect(simplified.error?.message).toBeUndefined();
			expect(simplified.json.length).toBeGreaterThan(0);
			simplified.json.forEach((record, index) => {
				const others = Object.keys(record).filter((key) => !SAFETY_KEYS.includes(key));
				expect(others.length).toBeLessThanOrEqual(10);
				// Whether the patient may be contacted survives the short form, as Hero said it.
				for (const key of SAFETY_KEYS)
					if (key in raw.json[index]) expect(record[key]).toEqual(raw.json[index][key]);
				const ids = Object.keys(raw.json[index]).filter(
					(key) => isId(key) && ['id', 'hero_id'].includes(key),
				);
				for (const id of ids) expect(record).toHaveProperty(id);
			});
		},
	);

	it.each(OPERATIONS)('%s: Raw is the whole record', async (_label, parameters) => {
		const run = await runHero({ ...parameters, output: 'raw' }, { fake });
		expect(Object.keys(run.json[0]).length).toBeGreaterThan(10);
	});

	it.each(OPERATIONS)(
		'%s: Selected Fields returns only those keys, plus IDs',
		async (_label, parameters) => {
			const run = await runHero(
				{ ...parameters, output: 'selected', outputFields: 'first_name, dob' },
				{ fake },
			);
			for (const record of run.json) {
				for (const key of Object.keys(record))
					expect(`${key}: ${isId(key) || ['first_name', 'dob'].includes(key)}`).toBe(
						`${key}: true`,
					);
				expect(record).toHaveProperty('dob');
			}
		},
	);

	it('a restricted record leaves out contact details and address unless they are named', async () => {
		fake.store.patients.get('20001').restricted = true;
		const get = { resource: 'patient', operation: 'get', patientId: byId('20001') };
		const simplified = await runHero(get, { fake });
		for (const key of CONTACT_KEYS) expect(simplified.json[0]).not.toHaveProperty(key);
		expect(simplified.json[0]).toHaveProperty('last_name');
		const selected = await runHero(
			{ ...get, output: 'selected', outputFields: 'mobile, town' },
			{ fake },
		);
		expect(
			Object.keys(selected.json[0])
				.filter((key) => !isId(key))
				.sort(),
		).toEqual(['mobile', 'town']);
	});

	it('a patient who has died is seen as such after Simplified, in every version', async () => {
		fake.store.patients.get('20001').deceased_at = '2026-11-30T10:00:00Z';
		try {
			const get = { resource: 'patient', operation: 'get', patientId: byId('20001') };
			for (const typeVersion of [3, 4]) {
				const run = await runHero(get, { fake, typeVersion });
				expect(run.json[0].deceased_at).toBe('2026-11-30T10:00:00Z');
			}
		} finally {
			fake.store.patients.get('20001').deceased_at = null;
		}
	});

	it('a restricted record leaves out contact details and address in Raw too, in every version', async () => {
		fake.store.patients.get('20001').restricted = true;
		const get = { resource: 'patient', operation: 'get', patientId: byId('20001') };
		const raw = await runHero({ ...get, output: 'raw' }, { fake });
		const saved = await runHero({ ...get, simplify: false }, { fake, typeVersion: 3 });
		for (const record of [raw.json[0], saved.json[0]]) {
			for (const key of CONTACT_KEYS) expect(record).not.toHaveProperty(key);
			expect(record).toHaveProperty('last_name');
			expect(record.restricted).toBe(true);
		}
	});

	it('Selected Fields refuses a name that is not a field of a patient record, listing the fields; nothing is sent', async () => {
		const run = await runHero(
			{
				resource: 'patient',
				operation: 'get',
				patientId: byId('20001'),
				output: 'selected',
				outputFields: 'first_name, emial',
			},
			{ fake },
		);
		expect(run.error?.message).toBe(
			`[item 0] Fields: has "emial", not a field of Hero's patient records; the fields are ${PATIENT_FIELDS.join(', ')}`,
		);
		expect(fake.requests).toHaveLength(0);
	});

	it('a known field a record happens to lack is simply absent', async () => {
		const run = await runHero(
			{
				resource: 'patient',
				operation: 'get',
				patientId: byId('20001'),
				output: 'selected',
				outputFields: 'dob, sex_changed_at',
			},
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toHaveProperty('dob');
	});

	it("as an AI agent's tool, the default output carries no contact details or address", async () => {
		const run = await runChain(
			[
				{
					name: 'Find Patient',
					type: TOOL,
					typeVersion: 4,
					parameters: { resource: 'patient', operation: 'get', patientId: byId('20001') },
				},
			],
			{ credentials: heroCredentials(fake) },
		);
		const [record] = run.jsonOf('Find Patient');
		expect(record).toHaveProperty('id');
		for (const key of CONTACT_KEYS) expect(record).not.toHaveProperty(key);
	});

	it('saved workflows (version 3) keep Simplify and its output as before', async () => {
		const get = { resource: 'patient', operation: 'get', patientId: byId('20001') };
		const simplified = await runHero(get, { fake, typeVersion: 3 });
		expect(simplified.json[0]).toHaveProperty('mobile');
		const whole = await runHero({ ...get, simplify: false }, { fake, typeVersion: 3 });
		expect(Object.keys(whole.json[0]).length).toBeGreaterThan(10);
		const names = new HeroHealth().description.properties
			.filter(
				(p) =>
					p.displayOptions?.show?.operation?.[0] === 'get' &&
					p.displayOptions?.show?.resource?.[0] === 'patient',
			)
			.map((p) => `${p.name}@${JSON.stringify(p.displayOptions?.show?.['@version'] ?? 'all')}`);
		expect(names).toEqual(
			expect.arrayContaining(['simplify@[1,2,3]', 'output@[4]', 'outputFields@[4]']),
		);
	});
});
