// Run with n8n's own Node (`--experimental-websocket` for Node 20): `node heap-gc.mjs <pid> [watch]`.
// Opens the inspector of a running Node process (SIGUSR1, the documented way to enable it in a
// process started without --inspect), has V8 collect garbage twice, prints the process's
// memoryUsage() afterwards as JSON and closes the session. The bench uses it so that a memory run
// starts from n8n's live heap, not from start-up garbage a later collection would free.
// With `watch`: collects garbage every 2 s and prints memoryUsage() after each, until SIGTERM,
// which gives the live heap (what is retained) over a run.

const pid = Number(process.argv[2]);
const watch = process.argv[3] === 'watch';
const port = 9229;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function target() {
	for (let i = 0; i < 50; i++) {
		try {
			const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
			if (list[0]?.webSocketDebuggerUrl) return list[0].webSocketDebuggerUrl;
		} catch {}
		await sleep(100);
	}
	throw new Error(`no inspector on 127.0.0.1:${port} after SIGUSR1 to pid ${pid}`);
}

process.kill(pid, 'SIGUSR1');
const ws = new WebSocket(await target());
await new Promise((resolve, reject) => {
	ws.onopen = resolve;
	ws.onerror = () => reject(new Error('inspector connection failed'));
});
let id = 0;
const pending = new Map();
ws.onmessage = (e) => {
	const m = JSON.parse(e.data);
	pending.get(m.id)?.(m);
	pending.delete(m.id);
};
const send = (method, params = {}) =>
	new Promise((resolve) => {
		pending.set(++id, resolve);
		ws.send(JSON.stringify({ id, method, params }));
	});
// Port 9229 may belong to another Node process (n8n then only logs that its inspector could not
// listen): never measure or collect anything but the process asked for.
const seen = await send('Runtime.evaluate', { expression: 'process.pid', returnByValue: true });
if (seen.result?.result?.value !== pid) {
	ws.close();
	throw new Error(`the inspector on 127.0.0.1:${port} belongs to pid ${seen.result?.result?.value}, not ${pid}`);
}

async function collected() {
	await send('HeapProfiler.collectGarbage');
	await send('HeapProfiler.collectGarbage');
	const r = await send('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
	process.stdout.write(`${r.result.result.value}\n`);
}

if (watch) {
	let stop = false;
	process.on('SIGTERM', () => (stop = true));
	while (!stop) {
		await collected();
		await sleep(2000);
	}
} else await collected();
ws.close();
