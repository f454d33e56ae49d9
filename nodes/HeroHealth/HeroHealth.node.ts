import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties } from './description';
import { executeOperation } from './run/router';
import { listSearch, loadOptions } from './methods/listSearch';
import { RESOURCES } from './resources';
import { LATEST, resourcesFor, VERSIONS, VERSIONS_OF_NODE } from './versions';

export class HeroHealth implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hero Health',
		name: 'heroHealth',
		icon: { light: 'file:herohealth.svg', dark: 'file:herohealth.dark.svg' },
		group: ['transform'],
		// What each version changed is in versions.ts; saved workflows keep their version.
		version: VERSIONS,
		defaultVersion: LATEST,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Message patients, book appointments and manage patient records in NHS GP practices through Hero Health',
		defaults: { name: 'Hero Health' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heroHealthApi', required: true }],
		properties: nodeProperties(RESOURCES, VERSIONS_OF_NODE),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation.call(this, resourcesFor(RESOURCES, this.getNode().typeVersion));
	}
}
