// Runs workflows through n8n-core's real engine (WorkflowExecute), with a credentials helper
// that applies the credential's own authenticate exactly as n8n does. Nothing is mocked
// between the node and the HTTP server it talks to.
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	LoggerProxy,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';
import { LATEST } from '../../nodes/HeroHealth/versions';
import { HeroHealthTrigger } from '../../nodes/HeroHealthTrigger/HeroHealthTrigger.node';
import { HeroHealthOutcomesTrigger } from '../../nodes/HeroHealthOutcomesTrigger/HeroHealthOutcomesTrigger.node';

export const PACKAGE = 'n8n-nodes-herohealth';
export const HERO_NODE = `${PACKAGE}.heroHealth`;
export const HERO_TRIGGER = `${PACKAGE}.heroHealthTrigger`;
export const HERO_OUTCOMES_TRIGGER = `${PACKAGE}.heroHealthOutcomesTrigger`;
/** The node as an AI agent's tool: n8n runs the same node under this type. */
export const HERO_TOOL = `${PACKAGE}.heroHealthTool`;
export const INPUT_NODE = 'test.input';

/** Everything n8n's logger receives during the tests, for the secret scan. */
export const logLines: string[] = [];

/** Every output item and error the nodes produced in this test file, for the secret scan. */
export const observed: unknown[] = [];
const record =
	(level: string) =>
	(message: string, meta?: object): void => {
		logLines.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
	};
LoggerProxy.init({
	error: record('error'),
	warn: record('warn'),
	info: record('info'),
	debug: record('debug'),
} as unknown as Parameters<typeof LoggerProxy.init>[0]);

/**
 * A node type for tests and benchmarks: one main input and output, version 1, no properties
 * unless given; `description` adds to or overrides that.
 */
export function testNodeType(
	displayName: string,
	description: Partial<INodeTypeDescription>,
	execute?: INodeType['execute'],
): INodeType {
	const name = displayName.replace(/[^A-Za-z]/g, '').replace(/^./, (c) => c.toLowerCase());
	return {
		description: {
			displayName,
			name,
			group: ['transform'],
			version: 1,
			description: displayName,
			defaults: { name: displayName },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
			...description,
		} as INodeTypeDescription,
		...(execute ? { execute } : {}),
	};
}

/** Passes the items it is given to the next node, like a manual trigger with pinned data. */
const inputNode = testNodeType(
	'Input',
	{ group: ['input'], description: 'Test input' },
	async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	},
);

export const FILE_NODE = 'test.file';

/**
 * Puts a file on each item as n8n binary data through n8n's own helper (prepareBinaryData), as
 * Read/Write Files from Disk does: Content (base64), File Name, MIME Type, Binary Field.
 */
const fileNode = testNodeType(
	'File',
	{
		properties: ['content', 'fileName', 'mimeType', 'binaryField'].map((name) => ({
			displayName: name,
			name,
			type: 'string' as const,
			default: '',
		})),
	},
	async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const read = (name: string) => String(this.getNodeParameter(name, i, ''));
			const data = Buffer.from(read('content'), 'base64');
			const file = await this.helpers.prepareBinaryData(
				data,
				read('fileName') || undefined,
				read('mimeType') || undefined,
			);
			out.push({
				json: items[i].json,
				binary: { [read('binaryField') || 'data']: file },
				pairedItem: { item: i },
			});
		}
		return [out];
	},
);

const NODE_TYPES: Record<string, INodeType> = {
	[HERO_NODE]: new HeroHealth(),
	[HERO_TOOL]: new HeroHealth(),
	[HERO_TRIGGER]: new HeroHealthTrigger(),
	[HERO_OUTCOMES_TRIGGER]: new HeroHealthOutcomesTrigger(),
	[INPUT_NODE]: inputNode,
	[FILE_NODE]: fileNode,
};

export function registerNodeType(name: string, type: INodeType): void {
	NODE_TYPES[name] = type;
}

export const nodeTypes: INodeTypes = {
	getByName: (name) => NODE_TYPES[name],
	getByNameAndVersion: (name, version) =>
		NodeHelpers.getVersionedNodeType(NODE_TYPES[name], version),
	getKnownTypes: () => ({}),
};

const CREDENTIAL_TYPES: Record<string, ICredentialType> = { heroHealthApi: new HeroHealthApi() };

let decryptions = 0;

/** How many times a node has had its credential loaded and decrypted since the process began. */
export function credentialDecryptions(): number {
	return decryptions;
}

/** n8n's CredentialsHelper behaviour for what this package uses: function and generic auth. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = CREDENTIAL_TYPES[typeName];
		if (typeof type.authenticate === 'function') {
			return await type.authenticate(credentials, requestOptions);
		}
		if (type.authenticate?.type === 'generic' && workflow && node) {
			const resolve = (value: string) =>
				String(
					workflow.expression.getSimpleParameterValue(node, value, 'internal', {
						$credentials: credentials,
					}) ?? '',
				);
			for (const [outer, values] of Object.entries(type.authenticate.properties)) {
				const target = ((requestOptions as unknown as IDataObject)[outer] ??= {}) as IDataObject;
				for (const [key, value] of Object.entries(values as IDataObject)) {
					target[resolve(key)] = resolve(String(value));
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`getCredentials(${details.name}, ${type}) is not used by these tests`);
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		decryptions += 1;
		return { ...this.data[type] };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return CREDENTIAL_TYPES[type].properties;
	}
}

export interface FakeHeroLike {
	url?: string;
	apiKey: string;
	practiceGroupId: string;
}

export function heroCredentials(
	fake: FakeHeroLike,
	overrides: IDataObject = {},
): ICredentialDataDecryptedObject {
	return {
		apiKey: fake.apiKey,
		practiceGroupId: fake.practiceGroupId,
		environment: 'custom',
		baseUrl: fake.url as string,
		...overrides,
	};
}

export function additionalData(
	credentials: ICredentialDataDecryptedObject,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper({ heroHealthApi: credentials }),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowNode {
	name: string;
	type: string;
	parameters?: IDataObject;
	onError?: INode['onError'];
	/** The Hero Health node's latest version unless given. */
	typeVersion?: number;
}

export interface WorkflowRun {
	run: IRun;
	/** The items a node output on its first run (main output 0), or [] if it did not run. */
	itemsOf(nodeName: string): INodeExecutionData[];
	jsonOf(nodeName: string): IDataObject[];
	/** The workflow's error, if a node failed and stopped it. */
	error?: Error & { description?: string; httpCode?: string };
}

/**
 * Runs Input → nodes[0] → nodes[1] → … in a line, the input emitting `items`.
 */
export async function runChain(
	nodes: WorkflowNode[],
	options: {
		credentials: ICredentialDataDecryptedObject;
		items?: IDataObject[];
		mode?: WorkflowExecuteMode;
	},
): Promise<WorkflowRun> {
	const input: INode = {
		id: 'input',
		name: 'Input',
		type: INPUT_NODE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const all: INode[] = [
		input,
		...nodes.map((node, index) => ({
			id: `node-${index}`,
			name: node.name,
			type: node.type,
			typeVersion:
				node.typeVersion ?? (node.type === HERO_NODE || node.type === HERO_TOOL ? LATEST : 1),
			position: [200 * (index + 1), 0] as [number, number],
			parameters: (node.parameters ?? {}) as INode['parameters'],
			credentials: { heroHealthApi: { id: '1', name: 'Hero Health account' } },
			...(node.onError ? { onError: node.onError } : {}),
		})),
	];
	const connections: IWorkflowBase['connections'] = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = {
			main: [[{ node: all[i + 1].name, type: NodeConnectionTypes.Main, index: 0 }]],
		};
	}
	const workflowData: IWorkflowBase = {
		id: 'wf-test',
		name: 'Test workflow',
		active: false,
		isArchived: false,
		nodes: all,
		connections,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, 'exec-1', workflowData);
	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: input, data: { main: [items] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(additionalData(options.credentials, hooks), mode, runData);
	let run: IRun;
	try {
		run = await execute.processRunExecutionData(workflow);
	} catch (error) {
		// n8n refuses to start a workflow whose parameters have issues (e.g. a failed validation).
		observed.push(error);
		return {
			run: undefined as unknown as IRun,
			itemsOf: () => [],
			jsonOf: () => [],
			error: error as WorkflowRun['error'],
		};
	}
	const itemsOf = (name: string): INodeExecutionData[] =>
		run.data.resultData.runData[name]?.[0]?.data?.main?.[0] ?? [];
	for (const node of nodes) observed.push(itemsOf(node.name));
	const failure = run.data.resultData.error;
	if (failure)
		observed.push({ message: failure.message, description: failure.description, error: failure });
	return {
		run,
		itemsOf,
		jsonOf: (name) => itemsOf(name).map((item) => item.json),
		error: run.data.resultData.error as WorkflowRun['error'],
	};
}

/** One Hero Health node fed with `items`. */
export async function runHero(
	parameters: IDataObject,
	options: {
		fake: FakeHeroLike;
		items?: IDataObject[];
		continueOnFail?: boolean;
		credentials?: IDataObject;
		typeVersion?: number;
		/** Runs the node as an AI agent's tool (heroHealthTool). */
		asTool?: boolean;
	},
): Promise<WorkflowRun & { json: IDataObject[]; items: INodeExecutionData[] }> {
	const result = await runChain(
		[
			{
				name: 'Hero Health',
				type: options.asTool ? HERO_TOOL : HERO_NODE,
				parameters,
				onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
				typeVersion: options.typeVersion,
			},
		],
		{ credentials: heroCredentials(options.fake, options.credentials), items: options.items },
	);
	return { ...result, json: result.jsonOf('Hero Health'), items: result.itemsOf('Hero Health') };
}

/** A resource locator value picked By ID. */
export function byId(value: string): IDataObject {
	return { __rl: true, mode: 'id', value };
}

/** A workflow holding one node of `type`, as the editor has it while a user configures it. */
export function singleNodeWorkflow(
	type: string,
	parameters: IDataObject = {},
): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'node-0',
		name: 'Node',
		type,
		typeVersion: type === HERO_NODE ? LATEST : 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { heroHealthApi: { id: '1', name: 'Hero Health account' } },
		webhookId: 'hook-1',
	};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	return { workflow, node: workflow.getNode('Node') as INode };
}

/** n8n's real LoadOptionsContext, as the editor uses for dropdowns and resource locators. */
export function loadOptionsContext(
	fake: FakeHeroLike,
	parameters: IDataObject = {},
	credentials: IDataObject = {},
): LoadOptionsContext {
	const { workflow, node } = singleNodeWorkflow(HERO_NODE, parameters);
	// The editor sends the node's parameters as they stand; lists narrow by what is picked.
	const data = {
		...additionalData(heroCredentials(fake, credentials)),
		currentNodeParameters: parameters as INodeParameters,
	};
	return new LoadOptionsContext(workflow, node, data, 'parameters');
}

// n8n tests a credential by sending its `test` request through the declarative engine
// (RoutingNode) with the credential's authenticate applied; this node does the same.
registerNodeType(
	'test.credentialTest',
	testNodeType('Credential Test', {
		description: 'Sends the credential test request',
		credentials: [{ name: 'heroHealthApi', required: true }],
		requestDefaults: new HeroHealthApi().test.request,
	}),
);

/** The credential's test, as n8n runs it, with the credential changed by `overrides`. */
export async function testCredential(
	fake: FakeHeroLike,
	overrides: IDataObject = {},
): Promise<WorkflowRun> {
	return await runChain([{ name: 'Credential Test', type: 'test.credentialTest' }], {
		credentials: heroCredentials(fake, overrides),
	});
}
