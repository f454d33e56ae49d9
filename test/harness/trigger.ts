// Drives the Hero Health Trigger the way n8n does: lifecycle methods through a real
// HookContext, deliveries through a real WebhookContext with the raw body.
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { useProcessedData } from './deduplication';

import type { FakeHeroLike } from './engine';
import { additionalData, HERO_TRIGGER, heroCredentials, nodeTypes, observed } from './engine';

export interface Delivery {
	status?: number;
	body?: unknown;
	workflowData?: IWebhookResponseData['workflowData'];
	items: IDataObject[];
}

export interface TriggerOptions {
	isTest?: boolean;
	staticData?: IDataObject;
	webhookId?: string;
}

export interface Execution {
	/** What the trigger passed on to the rest of the workflow. */
	items: IDataObject[];
	hints: string[];
	run: IRun;
}

let workflows = 0;

export function triggerWorkflow(
	fake: FakeHeroLike,
	parameters: IDataObject,
	options: TriggerOptions = {},
) {
	useProcessedData();
	const node = {
		id: 'trigger-0',
		name: 'Hero Health Trigger',
		type: HERO_TRIGGER,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: parameters as never,
		credentials: { heroHealthApi: { id: '1', name: 'Hero Health account' } },
		webhookId: options.webhookId ?? 'b7f0c7d2-hero',
	};
	const workflow = new Workflow({
		id: `wf-trigger-${++workflows}`,
		name: 'Trigger workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: options.staticData ?? {},
		settings: { executionOrder: 'v1' },
	});
	const wfNode = workflow.getNode(node.name)!;
	const nodeType = nodeTypes.getByNameAndVersion(HERO_TRIGGER, 1) as INodeType;
	const data = additionalData(heroCredentials(fake));
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'webhook',
		webhookDescription: nodeType.description.webhooks![0],
		workflowId: workflow.id,
		workflowExecuteAdditionalData: data,
		webhookId: node.webhookId,
		isTest: options.isTest,
	};
	const mode = options.isTest ? 'manual' : 'trigger';

	const hook = async (method: 'checkExists' | 'create' | 'delete'): Promise<boolean> => {
		const context = new HookContext(workflow, wfNode, data, mode, 'activate', webhookData);
		const methods = nodeType.webhookMethods?.default as Record<
			string,
			(this: HookContext) => Promise<boolean>
		>;
		return await methods[method].call(context);
	};

	return {
		workflow,
		hook,
		/** What n8n does on activation: create only when checkExists says there is nothing. */
		async activate(): Promise<void> {
			if (!(await hook('checkExists'))) await hook('create');
		},
		async deactivate(): Promise<boolean> {
			return await hook('delete');
		},
		url(): string {
			const context = new HookContext(workflow, wfNode, data, mode, 'activate', webhookData);
			return context.getNodeWebhookUrl('default') as string;
		},
		registrations(): IDataObject {
			return ((workflow.staticData[`node:${node.name}`] as IDataObject | undefined) ??
				{}) as IDataObject;
		},
		/**
		 * Runs an execution started by a delivery, as n8n (a worker, in queue mode) does: the
		 * trigger's step gets what webhook() returned.
		 */
		async execute(workflowData: INodeExecutionData[][]): Promise<Execution> {
			const base = {
				id: workflow.id,
				name: workflow.name,
				nodes: [node],
				connections: {},
				active: true,
				settings: {},
			};
			const hooks = new ExecutionLifecycleHooks(
				mode,
				'exec-trigger',
				base as unknown as IWorkflowBase,
			);
			const runData = createRunExecutionData({
				executionData: {
					nodeExecutionStack: [{ node: wfNode, data: { main: workflowData }, source: null }],
				},
			});
			const run = await new WorkflowExecute(
				additionalData(heroCredentials(fake), hooks),
				mode,
				runData,
			).processRunExecutionData(workflow);
			const task = run.data.resultData.runData[node.name]?.[0];
			const items = (task?.data?.main?.[0] ?? []).map((item) => item.json);
			observed.push(items);
			return { items, hints: (task?.hints ?? []).map((hint) => hint.message), run };
		},
		/** Posts a delivery: `rawBody` exactly as sent, headers as given. */
		async deliver(rawBody: string, headers: Record<string, string>): Promise<Delivery> {
			const response: { status?: number; body?: unknown } = {};
			const res = {
				status(code: number) {
					response.status = code;
					return res;
				},
				json(body: unknown) {
					response.body = body;
					return res;
				},
				send(body: unknown) {
					response.body = body;
					return res;
				},
				end() {
					return res;
				},
			};
			let parsed: unknown = {};
			try {
				parsed = JSON.parse(rawBody);
			} catch {
				parsed = {};
			}
			const req = {
				body: parsed,
				rawBody: Buffer.from(rawBody, 'utf8'),
				headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
				params: {},
				query: {},
			};
			const deliveryData = {
				...data,
				httpRequest: req,
				httpResponse: res,
			} as unknown as typeof data;
			const context = new WebhookContext(
				workflow,
				wfNode,
				deliveryData,
				mode,
				webhookData,
				[],
				null,
			);
			const result = await nodeType.webhook!.call(context);
			const items = (result.workflowData?.[0] ?? []).map((item) => item.json);
			observed.push(items, response.body);
			return {
				status: response.status ?? (result.noWebhookResponse ? undefined : 200),
				body: response.body,
				workflowData: result.workflowData,
				items,
			};
		},
	};
}
