// Drives the Hero Health Outcomes Trigger as n8n's poller does: a real PollContext on an active
// workflow whose static data carries the cursor from poll to poll (and across a restart, as JSON).
import { PollContext } from 'n8n-core';
import type { IDataObject, INodeType, WorkflowExecuteMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { FakeHeroLike } from './engine';
import { additionalData, HERO_OUTCOMES_TRIGGER, heroCredentials, nodeTypes } from './engine';

let workflows = 0;

export interface Poller {
	/** One poll: the items it emitted ([] when none). */
	poll(mode?: WorkflowExecuteMode): Promise<IDataObject[]>;
	/** The cursor as n8n saves it (JSON), for a restart. */
	saved(): IDataObject;
}

export function poller(
	fake: FakeHeroLike,
	parameters: IDataObject,
	staticData: IDataObject = {},
	budgetMs?: number,
): Poller {
	const node = {
		id: 'outcomes-0',
		name: 'Hero Health Outcomes Trigger',
		type: HERO_OUTCOMES_TRIGGER,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: parameters as never,
		credentials: { heroHealthApi: { id: '1', name: 'Hero Health account' } },
	};
	const workflow = new Workflow({
		id: `wf-poll-${++workflows}`,
		name: 'Outcomes workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: JSON.parse(JSON.stringify(staticData)),
		settings: { executionOrder: 'v1' },
	});
	const wfNode = workflow.getNode(node.name)!;
	const type = nodeTypes.getByNameAndVersion(HERO_OUTCOMES_TRIGGER, 1) as INodeType;
	return {
		async poll(mode = 'trigger') {
			const context = new PollContext(
				workflow,
				wfNode,
				additionalData(heroCredentials(fake)),
				mode,
				'activate',
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
				budgetMs === undefined ? undefined : () => budgetMs,
			);
			const out = await type.poll!.call(context);
			return (out?.[0] ?? []).map((item) => item.json);
		},
		saved: () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
	};
}
