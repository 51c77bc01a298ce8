import { distExists, packageJson, packedFiles } from '../helpers/pack';
import { indexRequires, loadDist, loadIndex } from '../helpers/index-source';

/** `dist/nodes/Persona/Persona.node.js` → `Persona`; credentials likewise. */
const classNameOf = (file: string) => file.slice(file.lastIndexOf('/') + 1).replace(/\.(node|credentials)\.js$/, '');

describe("the package's index.js", () => {
	const pkg = packageJson();
	const listed: string[] = [...pkg.n8n.credentials, ...pkg.n8n.nodes];

	it('is the main entry and ships in the tarball', () => {
		expect(pkg.main).toBe('index.js');
		expect(pkg.files).toContain('index.js');
	});

	it("requires exactly the files of package.json's n8n section, each exported under its class name", () => {
		const entries: Array<{ exportName: string; file: string; className: string }> = indexRequires();
		expect(entries.map((e) => e.file).sort()).toEqual([...listed].sort());
		for (const e of entries) {
			expect(e.exportName).toBe(classNameOf(e.file));
			expect(e.className).toBe(e.exportName);
		}
		expect(new Set(entries.map((e) => e.exportName)).size).toBe(entries.length);
	});

	(distExists() ? it : it.skip)('exports the built classes themselves: nodes with a description, credentials with a name', () => {
		const index = loadIndex();
		expect(Object.keys(index).sort()).toEqual(listed.map(classNameOf).sort());
		for (const file of listed) {
			const name = classNameOf(file);
			const exported = index[name];
			expect(exported).toBe(loadDist(file)[name]);
			const instance = new exported();
			if (file.startsWith('dist/credentials/')) expect(typeof instance.name).toBe('string');
			else expect(typeof instance.description.name).toBe('string');
		}
	});

	(distExists() ? it : it.skip)('is in the packed tarball', () => {
		expect(packedFiles()).toContain('index.js');
	});
});
