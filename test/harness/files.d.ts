export declare const ROOT: string;
export declare function readProjectFile(relative: string): string;
export declare function writeTempFile(name: string, text: string): string;
