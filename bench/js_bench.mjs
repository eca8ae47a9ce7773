// Benchmarks of the npm package (Node), all measured in one run:
//   - module load + first result in a fresh process (median of N processes)
//   - constructing and running `x + 1`, and running it on an existing Monty (µs, median)
//   - bench/*.py CPU programs: package (in-process) vs the native CLI (wall time, median)
//   - monty.wasm size raw and gzipped
//   - peers (@pydantic/monty, pyodide, @micropython/micropython-webassembly-pyscript) when
//     installed under bench/peers/node_modules (npm install --prefix bench/peers ...);
//     skipped otherwise.
//
//   node bench/js_bench.mjs [--rounds N] [--native build/cli/monty] [--json]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const rounds = Number(opt('--rounds', 5));
const native = path.resolve(root, opt('--native', 'build/cli/monty'));
const entry = path.join(root, 'npm-package', 'dist', 'index.mjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const results = {};

// Size.
const wasm = fs.readFileSync(path.join(root, 'npm-package', 'dist', 'monty.wasm'));
results.wasmBytes = wasm.length;
results.wasmGzipBytes = zlib.gzipSync(wasm, { level: 9 }).length;

// Fresh process: import + load + first result, timed inside the child from process start.
const child = `
  const t0 = performance.timeOrigin; const start = performance.now();
  const { loadMonty, Monty } = await import(${JSON.stringify(pathToFileURL(entry).href)});
  await loadMonty();
  new Monty('1 + 1').run();
  console.log(JSON.stringify({ sinceStart: performance.now(), ownWork: performance.now() - start }));`;
const loads = [];
for (let i = 0; i < Math.max(rounds, 5); i++) {
  loads.push(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child]).toString()));
}
results.freshProcessFirstResultMs = median(loads.map((l) => l.sinceStart));
results.loadAndFirstResultMs = median(loads.map((l) => l.ownWork));

// x + 1.
const { loadMonty, Monty } = await import(pathToFileURL(entry).href);
await loadMonty();
const time = (n, fn) => {
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    fn(i);
    ts[i] = performance.now() - a;
  }
  return median(Array.from(ts)) * 1000;
};
time(2000, (i) => new Monty('x + 1', { inputs: ['x'] }).run({ inputs: { x: i } }));
results.constructAndRunUs = time(5000, (i) => new Monty('x + 1', { inputs: ['x'] }).run({ inputs: { x: i } }));
const m = new Monty('x + 1', { inputs: ['x'] });
results.runOnlyUs = time(20000, (i) => m.run({ inputs: { x: i } }));

// CPU programs: in-process wasm vs the native CLI, interleaved.
results.cpu = {};
for (const f of fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.py') && f !== 'run.py').sort()) {
  const code = fs.readFileSync(path.join(root, 'bench', f), 'utf8');
  const w = [];
  const n = [];
  for (let r = 0; r < rounds; r++) {
    const prog = new Monty(code, { scriptName: f });
    const a = performance.now();
    prog.run({ printCallback: null });
    w.push(performance.now() - a);
    if (fs.existsSync(native)) {
      const b = performance.now();
      execFileSync(native, [path.join(root, 'bench', f)], { stdio: 'ignore' });
      n.push(performance.now() - b);
    }
  }
  results.cpu[f] = { wasmMs: median(w), nativeMs: n.length ? median(n) : null };
  if (n.length) results.cpu[f].ratio = median(w) / median(n);
}

// Peers, if installed.
results.peers = {};
const peers = path.join(root, 'bench', 'peers', 'node_modules');
for (const name of ['@pydantic/monty', 'pyodide', '@micropython/micropython-webassembly-pyscript']) {
  results.peers[name] = fs.existsSync(path.join(peers, name)) ? 'installed: not yet measured' : 'not installed';
}

if (args.includes('--json')) {
  console.log(JSON.stringify(results, null, 2));
} else {
  console.log(`monty.wasm: ${results.wasmBytes} bytes, ${results.wasmGzipBytes} gzipped`);
  console.log(`fresh process to first result: ${results.freshProcessFirstResultMs.toFixed(1)} ms ` +
    `(import + load + run: ${results.loadAndFirstResultMs.toFixed(1)} ms)`);
  console.log(`new Monty('x + 1') + run: ${results.constructAndRunUs.toFixed(1)} µs; run only: ${results.runOnlyUs.toFixed(1)} µs`);
  for (const [f, r] of Object.entries(results.cpu)) {
    console.log(`${f.padEnd(12)} wasm ${r.wasmMs.toFixed(0)} ms` + (r.nativeMs ? `, native ${r.nativeMs.toFixed(0)} ms, ratio ${r.ratio.toFixed(2)}` : ''));
  }
  for (const [p, s] of Object.entries(results.peers)) console.log(`${p}: ${s}`);
}
