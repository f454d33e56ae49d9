import type { IDataObject } from 'n8n-workflow';

import type { OutputMode } from '../../shared/output';
import type { HttpMethod } from '../../shared/types';
import type { ContactabilityMode } from '../safety/guard';
import type { SendWindow } from '../safety/sendWindow';
import type { SendWindowMode } from '../safety/window';

// The controls of one item: parameters that steer the node and are never sent as they are.
// Each was read by its field's rule (fields/, safety/fields.ts), so its type is known here.

export interface Controls {
	sendWindow?: SendWindowMode;
	sendWindowHours?: SendWindow;
	contactabilityCheck?: ContactabilityMode;
	maxSmsFragments?: number;
	simplify?: boolean;
	output?: OutputMode;
	outputFields?: string[];
	/** Custom API Call: the request, and where a file answer goes. */
	method?: HttpMethod;
	path?: string;
	query?: IDataObject;
	body?: IDataObject;
	outputBinaryField?: string;
	/** Send to Many. */
	batchSize?: number;
	campaignKey?: string;
	enrichmentWait?: number;
}

/** The name a control is read under: its field's apiKey. */
export type ControlName = keyof Controls;

const NAMES: ReadonlySet<string> = new Set<ControlName>([
	'sendWindow',
	'sendWindowHours',
	'contactabilityCheck',
	'maxSmsFragments',
	'simplify',
	'output',
	'outputFields',
	'method',
	'path',
	'query',
	'body',
	'outputBinaryField',
	'batchSize',
	'campaignKey',
	'enrichmentWait',
]);

/** Whether an apiKey names a control; a field that only switches what shows names none. */
export function isControl(name: string): name is ControlName {
	return NAMES.has(name);
}
