/** Writes the named section of a report under `npm run docs`; otherwise throws when it differs. */
export declare function checkSection(relative: string, name: string, body: string): void;
/** Registers the suite's section: rendered after its last test, then written or compared. */
export declare function reportSection(relative: string, name: string, render: () => string): void;
