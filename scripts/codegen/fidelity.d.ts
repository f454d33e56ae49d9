import type { Fidelity } from '../nodes/HeroHealth/fidelity';

export declare const OUT: string;
export declare function fidelityOf(operation: Record<string, unknown>): Fidelity;
export declare function fidelityTable(specPath?: string): Record<string, Fidelity>;
export declare function fidelitySource(table?: Record<string, Fidelity>): string;
