export declare const START: string;
export declare const END: string;
export declare function operationsTable(resources: unknown[]): string;
export declare function withTable(readme: string, resources: unknown[]): string;
