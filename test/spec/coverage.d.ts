export declare function checkCoverage(
	resources: unknown[],
	specPath?: string,
): { problems: string[]; operations: number };
