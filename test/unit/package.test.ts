import { distExists, packageJson, packedFiles } from '../helpers/pack';

describe('the published package', () => {
	const pkg = packageJson();

	it('is a community package without runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-compliance-cases');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	(distExists() ? it : it.skip)('ships dist/, README and LICENSE only, with every file the n8n section lists', () => {
		const files: string[] = packedFiles();
		const outside = files.filter(
			(f) => !f.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json', 'index.js'].includes(f),
		);
		expect(outside).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
		expect(files.some((f) => f.startsWith('dist/') && /(^|\/)test\//.test(f))).toBe(false);
		const listed: string[] = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect(listed.length).toBeGreaterThanOrEqual(3);
		for (const file of listed) expect(files).toContain(file);
		// Every node ships its icons and codex next to it.
		for (const node of pkg.n8n.nodes as string[]) {
			expect(files).toContain(node.replace(/\.js$/, '.json'));
			const dir = node.slice(0, node.lastIndexOf('/'));
			expect(files.some((f) => f.startsWith(dir) && f.endsWith('.svg'))).toBe(true);
		}
	});
});
