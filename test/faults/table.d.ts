/** Type declarations for ./table.js. */
export interface FaultRow {
	scenario: string;
	vendor: string;
	/** Cases the vendor holds (lists), or cases that should exist after a create (1). */
	expected: number;
	returned: number;
	/** '-' where the run ended in an error (nothing was returned, by design). */
	missing: number | '-';
	duplicates: number;
	requests: number;
	/** On the virtual clock: waits for rate limits, Retry-After and backoff. */
	virtualSeconds: number;
	realSeconds: number;
	outcome: string;
}
export function writeTable(name: string, rows: FaultRow[]): string;
export function realNow(): number;
export function render(rows: FaultRow[]): string;
