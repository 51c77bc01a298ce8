export interface BenchRow {
	name: string;
	baselineMs: number;
	packageMs: number;
	baselineRequests: number;
	packageRequests: number;
}
export function now(): number;
export function record(row: BenchRow): void;
export function print(): void;
