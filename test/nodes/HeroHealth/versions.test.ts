// Version 1 workflows keep their parameter names: each parameter version 2 renamed sends the
// same request from a version 1 node under its old name.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { nodeProperties } from '../../../nodes/HeroHealth/description';
import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import type { HeroField } from '../../../nodes/HeroHealth/model';
import { findOperation } from '../../../nodes/HeroHealth/model';
import { RESOURCES } from '../../../nodes/HeroHealth/resources';
import type { VersionChange } from '../../../nodes/HeroHealth/versions';
import { NODE_VERSIONS, NodeVersions } from '../../../nodes/HeroHealth/versions';
import { byId, runHero } from '../../harness/engine';
import { useFakeHero } from '../../harness/fakeHero';

const fake = useFakeHero();

const RENAMED: Array<[string, IDataObject, string, string, unknown, string]> = [
	[
		'Episode > Get Many: Order By',
		{ resource: 'episode', operation: 'list', limit: 1 },
		'orderBy',
		'orderByFields',
		['created_at'],
		'listEpisodes',
	],
	[
		'Link > Get Many Short Links: Order By',
		{ resource: 'link', operation: 'listShortLinks', limit: 1 },
		'orderBy',
		'orderByField',
		'expiry_date',
		'listShortLinks',
	],
	[
		'Subscription > Get Many: Order By',
		{ resource: 'subscription', operation: 'list', limit: 1 },
		'orderBy',
		'orderByField',
		'created_at',
		'listSubscriptions',
	],
	[
		'Message > Get Many Batches: Status',
		{ resource: 'message', operation: 'listBatches', limit: 1 },
		'status',
		'batchStatus',
		'CREATED',
		'listBatchMessages',
	],
];

describe('node versions', () => {
	it('new nodes are version 4; versions 1 to 3 are still offered for saved workflows', () => {
		const { description } = new HeroHealth();
		expect(description.version).toEqual([1, 2, 3, 4]);
		expect(description.defaultVersion).toBe(4);
	});

	it.each(RENAMED)(
		'%s: version 1 under its old name sends what version 2 sends under the new',
		async (_label, base, v1Name, v2Name, value, operationId) => {
			await runHero({ ...base, filters: { [v1Name]: value } }, { fake, typeVersion: 1 });
			await runHero({ ...base, filters: { [v2Name]: value } }, { fake, typeVersion: 2 });
			const [v1, v2] = fake.requestsFor(operationId);
			expect(v1.query).toEqual(v2.query);
			expect(Object.keys(v1.query).length).toBeGreaterThan(2);
		},
	);

	it('Message > Send: Assignee ID, as version 1 and version 2 name it', async () => {
		const send = (typeVersion: number, name: string) =>
			runHero(
				{
					resource: 'message',
					operation: 'send',
					patientId: byId('20001'),
					channel: 'sms',
					message: 'Hello',
					additionalFields: { [name]: 801, assigneeType: 'Admin' },
				},
				{ fake, typeVersion },
			);
		await send(1, 'assigneeId');
		await send(2, 'messageAssigneeId');
		const [v1, v2] = fake.requestsFor('sendMessage');
		expect(v1.body.assignee_id).toBe(801);
		expect(v2.body).toEqual(v1.body);
	});

	it.each([
		...RENAMED.map((r) => [r[0], r[1], r[2], r[3]] as const),
		[
			'Message > Send: Assignee ID',
			{ resource: 'message', operation: 'send' },
			'assigneeId',
			'messageAssigneeId',
		] as const,
	])('%s: each version shows its own name, and only that', (_label, base, v1Name, v2Name) => {
		const properties = new HeroHealth().description.properties;
		const optionNames = (version: number) =>
			properties
				.filter((p) => {
					const show = p.displayOptions?.show;
					return (
						show?.resource?.[0] === base.resource &&
						show?.operation?.[0] === base.operation &&
						(show?.['@version'] as number[] | undefined)?.includes(version)
					);
				})
				.flatMap((p) => (p.options ?? []).map((o) => String('name' in o ? o.name : '')));
		expect(optionNames(1)).toContain(v1Name);
		expect(optionNames(1)).not.toContain(v2Name);
		expect(optionNames(2)).toContain(v2Name);
		expect(optionNames(2)).not.toContain(v1Name);
	});
});

describe('version 3: records picked From List or By ID, also among optional fields', () => {
	const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
	const slots = { resource: 'booking', operation: 'listSlots', limit: 1 };

	it('Get Many Slots: filters picked from lists send what version 2 dropdowns sent', async () => {
		await runHero(
			{ ...slots, filters: { appointmentTypeId: '501', locationId: '301', practitionerId: '401' } },
			{ fake, typeVersion: 2 },
		);
		await runHero(
			{
				...slots,
				filters: {
					appointmentTypeId: fromList('501'),
					locationId: byId('301'),
					practitionerId: fromList('401'),
				},
			},
			{ fake, typeVersion: 3 },
		);
		const [v2, v3] = fake.requestsFor('listSlots');
		expect(v3.query).toEqual(v2.query);
		expect(v3.query).toMatchObject({
			appointment_type_id: ['501'],
			location_id: ['301'],
			practitioner_id: ['401'],
		});
	});

	it('a filter added but not yet picked sends nothing', async () => {
		await runHero(
			{ ...slots, filters: { locationId: fromList(''), practitionerId: byId('  ') } },
			{ fake, typeVersion: 3 },
		);
		const [request] = fake.requestsFor('listSlots');
		expect(request.query).not.toHaveProperty('location_id');
		expect(request.query).not.toHaveProperty('practitioner_id');
	});

	it('an ID that is not a number is refused before sending, naming the field and item', async () => {
		const run = await runHero(
			{ ...slots, filters: { locationId: byId('main surgery') } },
			{ fake, typeVersion: 3 },
		);
		expect(run.error?.message).toBe('[item 0] Location: must be a numeric Hero ID such as 12345');
		expect(fake.requestsFor('listSlots')).toHaveLength(0);
	});

	it('Patient ID, typed in version 2, is a patient locator in version 3 with the same request', async () => {
		const base = { resource: 'invoicing', operation: 'getDefaultCustomer' };
		await runHero({ ...base, filters: { patientId: '20001' } }, { fake, typeVersion: 2 });
		await runHero({ ...base, filters: { patientId: fromList('20001') } }, { fake, typeVersion: 3 });
		const [v2, v3] = fake.requestsFor('getDefaultCustomer');
		expect(v3.query).toEqual(v2.query);
		expect(v3.query.patient_id).toEqual(['20001']);
	});

	it('every optional record with a Hero list is a locator in version 3 and a dropdown or typed ID before', () => {
		const properties = new HeroHealth().description.properties;
		const optionsOf = (version: number) =>
			properties
				.filter(
					(p) =>
						p.type === 'collection' &&
						((p.displayOptions?.show?.['@version'] as number[] | undefined) ?? [version]).includes(
							version,
						),
				)
				.flatMap(
					(p) => (p.options ?? []) as Array<{ name: string; type: string; displayName: string }>,
				);
		const v3 = optionsOf(3).filter((o) =>
			[
				'locationId',
				'practitionerId',
				'appointmentTypeId',
				'patientId',
				'templateId',
				'formId',
			].includes(o.name),
		);
		expect(v3.length).toBeGreaterThan(8);
		for (const option of v3)
			expect(`${option.name}: ${option.type}`).toBe(`${option.name}: resourceLocator`);
		const v2Slots = properties.find(
			(p) =>
				p.name === 'filters' &&
				p.displayOptions?.show?.operation?.[0] === 'listSlots' &&
				(p.displayOptions?.show?.['@version'] as number[]).includes(2),
		);
		expect((v2Slots?.options as Array<{ type: string }>).map((o) => o.type)).toContain('options');
	});
});

describe('the versions module: every difference between node versions is one entry', () => {
	type Shown = Array<Record<string, unknown>>;
	/** The properties one version shows, without the `@version` conditions. */
	const shownIn = (properties: INodeProperties[], version: number): Shown =>
		properties
			.filter((p) =>
				((p.displayOptions?.show?.['@version'] as number[] | undefined) ?? [version]).includes(
					version,
				),
			)
			.map((p) => {
				const copy = JSON.parse(JSON.stringify(p)) as INodeProperties;
				delete copy.displayOptions?.show?.['@version'];
				return copy as unknown as Record<string, unknown>;
			});
	const withPretend = (...changes: VersionChange[]) =>
		new NodeVersions([...NODE_VERSIONS, { version: 5, summary: 'A pretend version', changes }]);
	const today = nodeProperties(RESOURCES, new NodeVersions());

	it('a pretend version 5 that changes one default: versions 1-4 show what they show today, version 5 differs only there', () => {
		const pretend = withPretend({
			parameter: 'message.send.channel',
			default: { from: 'sms', to: 'email' },
		});
		expect(pretend.all).toEqual([1, 2, 3, 4, 5]);
		const built = nodeProperties(RESOURCES, pretend);
		for (const version of [1, 2, 3, 4])
			expect(shownIn(built, version)).toEqual(shownIn(today, version));
		const v3 = shownIn(today, 4);
		const v4 = shownIn(built, 5);
		expect(v4).toHaveLength(v3.length);
		const differing = v4.flatMap((property, index) =>
			JSON.stringify(property) === JSON.stringify(v3[index]) ? [] : [property],
		);
		expect(differing).toEqual([
			expect.objectContaining({
				name: 'channel',
				default: 'email',
				displayOptions: { show: { resource: ['message'], operation: ['send'] } },
			}),
		]);
		// Only the changed field carries a version condition it did not carry before.
		const conditioned = (properties: INodeProperties[]) =>
			properties.filter((p) => p.displayOptions?.show?.['@version']).length;
		expect(conditioned(built) - conditioned(today)).toBe(2);
	});

	it('a pretend rename among optional fields: the collection is split by version, the runtime reads the new name in version 5 only', () => {
		const pretend = withPretend({
			parameter: 'message.send.sendAt',
			name: { from: 'sendAt', to: 'scheduledFor' },
		});
		const built = nodeProperties(RESOURCES, pretend);
		for (const version of [1, 2, 3, 4])
			expect(shownIn(built, version)).toEqual(shownIn(today, version));
		const send = (version: number) =>
			findOperation(pretend.resourcesFor(RESOURCES, version), 'message', 'send')!;
		const names = (version: number) => send(version).fields.map((f) => f.property.name);
		expect(names(5)).toContain('scheduledFor');
		expect(names(4)).toContain('sendAt');
		expect(names(4)).not.toContain('scheduledFor');
	});

	it('each change names a parameter the resources have, as they name it', () => {
		const paths = new Map<string, HeroField>();
		for (const resource of RESOURCES) {
			for (const operation of resource.operations) {
				for (const field of operation.fields)
					paths.set(`${resource.value}.${operation.value}.${field.property.name}`, field);
			}
		}
		for (const { changes } of NODE_VERSIONS) {
			for (const change of changes) {
				if ('pickers' in change) {
					for (const path of change.pickers.typedIdBefore)
						expect(`${path}: ${paths.get(path)?.picker ? 'picker' : 'missing'}`).toBe(
							`${path}: picker`,
						);
				} else {
					expect(`${change.parameter}: ${paths.has(change.parameter) ? 'found' : 'missing'}`).toBe(
						`${change.parameter}: found`,
					);
				}
			}
		}
	});
});
