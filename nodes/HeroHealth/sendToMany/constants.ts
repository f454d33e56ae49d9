// Send to Many's limits and defaults, read by its entry (the editor) and its runner.

/** Recipients per batch unless set, and the most it takes. */
export const DEFAULT_BATCH_SIZE = 500;
export const MAX_BATCH_SIZE = 10_000;
/** Seconds to wait for Hero's enrichment of one batch unless set. */
export const DEFAULT_ENRICHMENT_WAIT = 300;
