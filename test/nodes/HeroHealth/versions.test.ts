// Version 1 workflows keep their parameter names: each parameter version 2 renamed sends the
// same request from a version 1 node under its old name.
import type { IDataObject } from 'n8n-workflow';

import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import { byId, runHero } from '../../harness/engine';
import { useFakeHero } from '../../harness/fakeHero';

const fake = useFakeHero();

const RENAMED: Array<[string, IDataObject, string, string, unknown, string]> = [
	['Episode > Get Many: Order By', { resource: 'episode', operation: 'list', limit: 1 }, 'orderBy', 'orderByFields', ['created_at'], 'listEpisodes'],
	['Link > Get Many Short Links: Order By', { resource: 'link', operation: 'listShortLinks', limit: 1 }, 'orderBy', 'orderByField', 'expiry_date', 'listShortLinks'],
	['Subscription > Get Many: Order By', { resource: 'subscription', operation: 'list', limit: 1 }, 'orderBy', 'orderByField', 'created_at', 'listSubscriptions'],
	['Message > Get Many Batches: Status', { resource: 'message', operation: 'listBatches', limit: 1 }, 'status', 'batchStatus', 'CREATED', 'listBatchMessages'],
];

describe('node versions', () => {
	it('new nodes are version 2; version 1 is still offered for saved workflows', () => {
		const { description } = new HeroHealth();
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it.each(RENAMED)('%s: version 1 under its old name sends what version 2 sends under the new', async (_label, base, v1Name, v2Name, value, operationId) => {
		await runHero({ ...base, filters: { [v1Name]: value } }, { fake, typeVersion: 1 });
		await runHero({ ...base, filters: { [v2Name]: value } }, { fake, typeVersion: 2 });
		const [v1, v2] = fake.requestsFor(operationId);
		expect(v1.query).toEqual(v2.query);
		expect(Object.keys(v1.query).length).toBeGreaterThan(2);
	});

	it('Message > Send: Assignee ID, as version 1 and version 2 name it', async () => {
		const send = (typeVersion: number, name: string) =>
			runHero(
				{ resource: 'message', operation: 'send', patientId: byId('20001'), channel: 'sms', message: 'Hello', additionalFields: { [name]: 801, assigneeType: 'Admin' } },
				{ fake, typeVersion },
			);
		await send(1, 'assigneeId');
		await send(2, 'messageAssigneeId');
		const [v1, v2] = fake.requestsFor('sendMessage');
		expect(v1.body.assignee_id).toBe(801);
		expect(v2.body).toEqual(v1.body);
	});

	it.each([...RENAMED.map((r) => [r[0], r[1], r[2], r[3]] as const), ['Message > Send: Assignee ID', { resource: 'message', operation: 'send' }, 'assigneeId', 'messageAssigneeId'] as const])(
		'%s: each version shows its own name, and only that',
		(_label, base, v1Name, v2Name) => {
			const properties = new HeroHealth().description.properties;
			const optionNames = (version: number) =>
				properties
					.filter((p) => {
						const show = p.displayOptions?.show;
						return show?.resource?.[0] === base.resource && show?.operation?.[0] === base.operation && (show?.['@version'] as number[] | undefined)?.includes(version);
					})
					.flatMap((p) => (p.options ?? []).map((o) => String('name' in o ? o.name : '')));
			expect(optionNames(1)).toContain(v1Name);
			expect(optionNames(1)).not.toContain(v2Name);
			expect(optionNames(2)).toContain(v2Name);
			expect(optionNames(2)).not.toContain(v1Name);
		},
	);
});
