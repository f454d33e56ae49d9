import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { scrubberFor } from '../../shared/transport';
import type { HeroResource } from '../model';
import { findOperation } from '../model';
import { ContactabilityGuard } from '../safety/guard';
import type { RunContext } from './context';
import { ItemResults } from './errors';
import { runItem } from './item';
import { forEachItem } from './loop';
import { ParameterReader } from './parameters';
import { runSettings } from './settings';

// The router: finds the operation, makes the run's context, and hands the items to the
// operation's own runner (Send to Many) or to the per-item loop.

export async function executeOperation(
	this: IExecuteFunctions,
	resources: HeroResource[],
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationValue = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resources, resource, operationValue);
	const node = this.getNode();
	if (!operation) {
		throw new NodeOperationError(
			node,
			`The operation "${operationValue}" of "${resource}" is not known to this version of the node`,
			{ description: 'Pick the operation again from the Operation list.' },
		);
	}
	const read = new ParameterReader(this);
	const { settings, concurrency } = await runSettings(this, { node, read });
	const scrubber = await scrubberFor(this);
	const items = this.getInputData();
	const run: RunContext = {
		context: this,
		node,
		read,
		settings,
		scrubber,
		guard: new ContactabilityGuard(this),
		results: new ItemResults(node, items.length, this.continueOnFail(), scrubber),
		asTool: node.type.endsWith('Tool'),
	};
	if (operation.run) return await operation.run(run, operation, resources);
	await forEachItem(
		run,
		items.length,
		concurrency,
		async (index) => await runItem(run, operation, resources, index),
	);
	return run.results.finish();
}
