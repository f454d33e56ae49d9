export declare function writeReport(relative: string, text: string): { stale: boolean; inCi: boolean };
