/** Writes the report under `npm run docs`; otherwise throws when the committed file differs. */
export declare function checkReport(relative: string, text: string): void;
