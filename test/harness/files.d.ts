export declare const ROOT: string;
export declare function readProjectFile(relative: string): string;
export declare function writeTempFile(name: string, text: string): string;
export declare function writeProjectFile(relative: string, text: string): void;
export declare function writingDocs(): boolean;
/** Whether a file or folder exists in the project. */
export declare function projectPathExists(relative: string): boolean;
/** The names in a project folder, folders ending in `/`. */
export declare function listProjectFolder(relative: string): string[];
