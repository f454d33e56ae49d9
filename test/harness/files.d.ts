export declare const ROOT: string;
export declare function readProjectFile(relative: string): string;
export declare function writeTempFile(name: string, text: string): string;
export declare function writeProjectFile(relative: string, text: string): void;
export declare function writingDocs(): boolean;
