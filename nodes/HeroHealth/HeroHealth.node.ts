import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from './description';
import { executeOperation } from './executor';
import { listSearch, loadOptions } from './methods/listSearch';
import { RESOURCES } from './resources';

export class HeroHealth implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hero Health',
		name: 'heroHealth',
		icon: { light: 'file:herohealth.svg', dark: 'file:herohealth.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Message patients, book appointments and manage patient records in NHS GP practices through Hero Health',
		defaults: { name: 'Hero Health' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heroHealthApi', required: true }],
		properties: buildProperties(RESOURCES),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation.call(this, RESOURCES);
	}
}
