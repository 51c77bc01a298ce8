// Demo workflows (demo/workflows/*.json) with their credential placeholders filled in.
//
// In those files a credential reference is written
//   "credentials": { "personaApi": { "id": "{{credential:personaApi:id}}", "name": "{{credential:personaApi:name}}" } }
// and loadDemoWorkflows({ credentials: { personaApi: { id, name }, smtp: { id, name } } }) replaces
// every {{credential:<type>:id|name}} with the credential created for that type.

import fs from 'node:fs';
import path from 'node:path';
import { REPO_DIR } from './n8n-instance.mjs';

export const DEMO_DIR = path.join(REPO_DIR, 'demo', 'workflows');

/**
 * @param {{ credentials: Record<string, { id: string, name: string }>, dir?: string }} o
 * @returns {{ file: string, workflow: object, missing: string[] }[]}  missing: credential types without a credential
 */
export function loadDemoWorkflows({ credentials = {}, dir = DEMO_DIR } = {}) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const missing = new Set();
			const text = fs.readFileSync(path.join(dir, f), 'utf8').replace(/\{\{credential:([A-Za-z0-9]+):(id|name)\}\}/g, (_, type, field) => {
				const c = credentials[type];
				if (!c) {
					missing.add(type);
					return field === 'id' ? `missing-${type}` : `${type} (not configured)`;
				}
				return String(c[field]).replace(/["\\]/g, '\\$&');
			});
			return { file: path.join(dir, f), workflow: JSON.parse(text), missing: [...missing] };
		});
}
