#!/usr/bin/env node
// `npm run test:faults`: the fault suite (issue 13) — test/faults/ in jest (every vendor's Get Many
// under fault storms, creates under ambiguous failures, the core regressions), then the tables it
// wrote to test-artifacts/ (scenario × vendor → expected / returned / missing / duplicates /
// requests / seconds). `npm test` runs the same tests with the rest of jest and prints the tables.
// The real-n8n subset: node scripts/e2e.mjs --n8n-version=all test/e2e/faults.e2e.test.mjs
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { printFaultTables } from './lib/fault-tables.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), 'test/faults', ...process.argv.slice(2)], {
	cwd: root,
	stdio: 'inherit',
});
printFaultTables(root);
process.exit(result.status ?? 1);
