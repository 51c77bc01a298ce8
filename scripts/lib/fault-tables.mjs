// Prints the fault suite's tables (written by test/faults/table.js) when they are there.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function printFaultTables(root) {
	for (const [name, title] of [
		['lists', 'Get Many › Return All under faults (scenario × vendor)'],
		['creates', 'Creates / orders under ambiguous failures'],
	]) {
		const file = join(root, 'test-artifacts', `faults-${name}.md`);
		if (!existsSync(file)) continue;
		console.log(`\n${title} — ${file}\n`);
		console.log(readFileSync(file, 'utf8'));
	}
}
