export declare const START: string;
export declare const END: string;
type FidelityOf = (operation: never) => { level: string };
export declare function operationsTable(resources: unknown[], fidelityOf: FidelityOf): string;
export declare function withTable(
	readme: string,
	resources: unknown[],
	fidelityOf: FidelityOf,
): string;
