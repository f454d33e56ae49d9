/** The first valid test NHS number (999 prefix) at or after position n. */
export declare function testNhsNumber(n: number): string;
/** An Ofcom drama-range mobile, +447700900xxx. */
export declare function testMobile(n: number): string;
export declare function nhsCheckDigit(nine: string): number | undefined;
export declare function seed(options: {
	practiceGroupId: string;
	patients?: number;
	admins?: number;
	episodes?: number;
}): unknown;
