import type { IExecuteFunctions, INode } from 'n8n-workflow';

import type { SmsCost } from '../../shared/sms';
import type { HeroRequest, RequestSettings, Scrubber } from '../../shared/transport';
import type { ContactabilityGuard } from '../safety/guard';
import type { Controls } from './controls';
import type { ItemResults } from './errors';
import type { ParameterReader } from './parameters';

// One run of the node: what every room of run/ reads, made once by the router.

/** The request settings every item of a run shares; runItem names each when it adds its own. */
export type RunSettings = Required<
	Pick<RequestSettings, 'retry' | 'timeoutMs' | 'pacer' | 'slots'>
>;

export interface RunContext {
	context: IExecuteFunctions;
	node: INode;
	read: ParameterReader;
	/** Retries, timeout, pacer and slots: the same for every item of the run. */
	settings: RunSettings;
	scrubber: Scrubber;
	guard: ContactabilityGuard;
	/** Each item's output or failure, paired. */
	results: ItemResults;
	/** Whether the node runs as an AI agent's tool (less contact detail by default). */
	asTool: boolean;
}

/** One item's request: read and checked, not yet sent. */
export interface BuiltRequest extends HeroRequest {
	/** The ID in the path, for error messages. */
	id?: string;
	/** The input binary field whose file is sent; read by withFile when the item runs. */
	binary?: { property: string; displayName: string; apiKey: string; fileNameKey?: string };
	/** The file read from it, as n8n's binary data describes it. */
	fileInfo?: { file_name?: string; mime_type: string; file_size: number };
	/** What the message costs where it goes by SMS (run/sms.ts). */
	sms?: SmsCost;
	/** The choices that steer the node rather than the request (Send Window, Output, ...). */
	controls: Controls;
}
