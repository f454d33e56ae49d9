export {
	CREDENTIAL,
	forgetPacers,
	heroRequest,
	HeroFile,
	practiceGroupFor,
	HeroText,
	scrubberFor,
	secretsSent,
	sharedPacer,
} from './request';
export type { HeroContext, HeroRequest, RequestSettings } from './request';
export { heroRequestPages, recordsOf, wholeList } from './paginate';
export { runWithConcurrency } from './concurrency';
export { DEFAULT_RETRY } from './retry';
export type { RetryPolicy } from './retry';
export { Pacer, Slots } from './pacer';
export type { Clock } from './pacer';
export { cut, itemPrefix, mayHaveActed, withoutItemPrefix } from './errors';
export { Scrubber } from './secrets';
