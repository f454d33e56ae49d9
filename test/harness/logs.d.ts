export declare function engineLogLines(): string[];
