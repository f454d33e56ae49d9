/** Writes the named section of a report under `npm run docs`; otherwise throws when it differs. */
export declare function checkSection(relative: string, name: string, body: string): void;
