// Benchmarks monty-wasm (the npm package, in Node) against its peers, all in one run:
//   - @pydantic/monty (Rust, native Node addon), pyodide (CPython in wasm),
//     @micropython/micropython-webassembly-pyscript, and quickjs-emscripten (a JavaScript
//     interpreter, for scale), when installed: npm ci --prefix bench/peers
//     (scripts/bench_peers.sh does that and then runs this); absent peers are skipped;
//   - the native monty CLI and CPython (python3), as separate processes.
//
// What is measured, for every engine:
//   1. fresh Node process: import + load + the first result of `1 + 1` (median of N processes;
//      time since process start, time of that work alone, and spawn-to-exit wall time);
//   2. a new interpreter computing `x + 1`, and `x + 1` on an existing interpreter (µs, median);
//   3. the bench/*.py CPU programs, each run with a fresh interpreter in a worker process
//      that loaded the engine once (compile + run, ms, median of N rounds); the output must
//      equal CPython's. CPython and the native CLI: wall time of one process per run;
//   4. size of the engine's binary (raw and gzip -9) and of the installed package.
// Ratios are engine / monty-wasm: above 1 means the engine takes longer (or is larger).
//
//   node bench/js_bench.mjs [--rounds N] [--native build/cli/monty] [--python python3]
//                           [--timeout S] [--only fib,loops] [--json]
//   node bench/js_bench.mjs --report results.json     (the Markdown report of a --json run)
// --rounds: runs of each program and of `1 + 1` processes (at least 5 of those), default 5;
// --timeout: seconds one run may take before its worker is killed, default 600;
// --only: a selection of the bench/*.py programs. Progress goes to stderr.
import { execFileSync, fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { ENGINES, MARK, median } from './peers/engines.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const rounds = Number(opt('--rounds', 5));
const native = path.resolve(root, opt('--native', 'build/cli/monty'));
// A run slower than this is not repeated (MicroPython's dicts.py takes minutes).
const longMs = 30_000;
const timeoutMs = Number(opt('--timeout', 600)) * 1000;
const only = opt('--only', null)?.split(',');
const engineScript = path.join(root, 'bench', 'peers', 'engines.mjs');
const peersModules = path.join(root, 'bench', 'peers', 'node_modules');
const log = (...m) => console.error('js_bench:', ...m); // progress on stderr, report on stdout

if (opt('--report')) {
  console.log(report(JSON.parse(fs.readFileSync(opt('--report'), 'utf8'))));
  process.exit(0);
}

if (!fs.existsSync(path.join(root, 'npm-package', 'dist', 'index.mjs'))) {
  console.error('js_bench: npm-package/dist missing; build it: bash scripts/build_npm.sh');
  process.exit(1);
}

// `python3` may be a pyenv shim that adds ~0.3 s per start; time the interpreter it resolves to.
const python = execFileSync(opt('--python', 'python3'), ['-c', 'import sys; print(sys.executable)']).toString().trim();

// Engines run in Node; peers only when installed.
const names = Object.keys(ENGINES).filter((n) => !ENGINES[n].pkg || fs.existsSync(path.join(peersModules, ENGINES[n].pkg)));
const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.platform()} ${os.arch()}`,
  node: process.version,
  rounds,
  timeoutS: timeoutMs / 1000,
  singleRunOverS: longMs / 1000,
  notInstalled: Object.keys(ENGINES).filter((n) => !names.includes(n)),
  engines: {},
};
for (const n of names) results.engines[n] = { kind: ENGINES[n].kind, notes: ENGINES[n].notes, cpu: {} };
const hasNative = fs.existsSync(native);
if (hasNative) results.engines['monty native'] = { kind: 'native CLI (this project)', binaryPath: path.relative(root, native), cpu: {} };
results.engines.python3 = { kind: 'native CPython', binaryPath: python, cpu: {} };

// Versions.
const gitRev = spawnSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD']).stdout?.toString().trim();
const montyVersion = JSON.parse(fs.readFileSync(path.join(root, 'npm-package', 'package.json'), 'utf8')).version;
for (const n of names) {
  const pkg = ENGINES[n].pkg;
  results.engines[n].version = pkg
    ? JSON.parse(fs.readFileSync(path.join(peersModules, pkg, 'package.json'), 'utf8')).version
    : `${montyVersion} (HEAD ${gitRev})`;
}
// The builds need not match HEAD exactly (they are made from the working tree); their times help.
const built = (f) => fs.statSync(f).mtime.toISOString().slice(0, 16).replace('T', ' ');
results.builds = `monty.wasm built ${built(path.join(root, 'npm-package', 'dist', 'monty.wasm'))} UTC`;
if (hasNative) {
  results.engines['monty native'].version = `HEAD ${gitRev}`;
  results.builds += `, ${path.relative(root, native)} built ${built(native)} UTC`;
}
results.engines.python3.version = execFileSync(python, ['-c', 'import platform; print(platform.python_version())']).toString().trim();

// 4. Sizes: the binary, and everything the package installs (its directory and, for peers,
// the dependencies it pulls in according to bench/peers/package-lock.json).
function dirBytes(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.size;
  return fs.readdirSync(p).reduce((sum, f) => sum + dirBytes(path.join(p, f)), 0);
}
const lock = fs.existsSync(path.join(root, 'bench', 'peers', 'package-lock.json'))
  ? JSON.parse(fs.readFileSync(path.join(root, 'bench', 'peers', 'package-lock.json'), 'utf8')).packages
  : {};
function installBytes(pkg) {
  const seen = new Set();
  const todo = [pkg];
  let total = 0;
  while (todo.length) {
    const p = todo.pop();
    if (seen.has(p)) continue;
    seen.add(p);
    const dir = path.join(peersModules, p);
    if (!fs.existsSync(dir)) continue; // optional dependency for another platform
    total += dirBytes(dir);
    const entry = lock[`node_modules/${p}`] ?? {};
    todo.push(...Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }));
  }
  return total;
}
const sizeOf = (file) => {
  const bytes = fs.readFileSync(file);
  return { file: path.basename(file), bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length };
};
for (const n of names) {
  const bin = ENGINES[n].binary(peersModules);
  if (bin) results.engines[n].binary = sizeOf(bin);
  results.engines[n].installBytes = ENGINES[n].pkg
    ? installBytes(ENGINES[n].pkg)
    : ['dist', 'bin', 'README.md', 'package.json'].reduce((s, f) => s + dirBytes(path.join(root, 'npm-package', f)), 0);
}
if (hasNative) results.engines['monty native'].binary = sizeOf(native);

// 1. Fresh process to the first result. Processes of all engines are interleaved so that
// machine load drifts over all alike.
function spawnWall(cmd, argv, { check = true } = {}) {
  const a = performance.now();
  const r = spawnSync(cmd, argv, { timeout: timeoutMs, maxBuffer: 1 << 26 });
  const ms = performance.now() - a;
  const error = r.status === 0 ? null : `exit status ${r.status}: ${String(r.stderr).trim().split('\n').pop()}`;
  if (error && check) throw new Error(`${cmd} ${argv.join(' ')}: ${error}`);
  return { ms, stdout: String(r.stdout), error };
}
log('fresh processes...');
const freshRuns = Object.fromEntries(Object.keys(results.engines).map((n) => [n, []]));
for (let r = 0; r < Math.max(rounds, 5); r++) {
  for (const n of names) {
    const { ms, stdout } = spawnWall(process.execPath, [engineScript, 'first', n]);
    const line = stdout.split('\n').find((l) => l.startsWith(MARK));
    const res = JSON.parse(line.slice(MARK.length));
    if (res.value !== '2') throw new Error(`${n}: 1 + 1 gave ${res.value}`);
    freshRuns[n].push({ ...res, wallMs: ms });
  }
  if (hasNative) freshRuns['monty native'].push({ wallMs: spawnWall(native, ['-c', '1 + 1']).ms });
  freshRuns.python3.push({ wallMs: spawnWall(python, ['-c', '1 + 1']).ms });
}
for (const [n, runs] of Object.entries(freshRuns)) {
  const e = results.engines[n];
  e.freshProcess = { wallMs: median(runs.map((x) => x.wallMs)) };
  if (runs[0]?.sinceStartMs !== undefined) {
    e.freshProcess.sinceStartMs = median(runs.map((x) => x.sinceStartMs));
    e.freshProcess.ownWorkMs = median(runs.map((x) => x.ownWorkMs));
  }
}
// Node's own start, for reading the numbers above.
results.nodeEmptyProcessMs = median(Array.from({ length: 5 }, () => spawnWall(process.execPath, ['-e', '0']).ms));

// Workers: one process per engine that loaded it once and runs what it is sent.
// A worker that failed or timed out is killed and a new one is started when next needed,
// so a broken interpreter state (e.g. MicroPython after a 2 GB memory failure) cannot
// affect later measurements.
const workers = {};
async function ask(n, msg) {
  if (!workers[n]) {
    const child = fork(engineScript, ['worker', n], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
    const w = { child, pending: null };
    child.on('message', (m) => w.pending?.(m));
    child.on('exit', (code) => w.pending?.({ ok: false, error: `worker exited (${code}): ${stderr.trim().split('\n').pop()}` }));
    workers[n] = w;
    const ready = await new Promise((res) => { w.pending = res; });
    if (!ready.ready) throw new Error(`${n}: ${ready.error}`);
  }
  const w = workers[n];
  let timer;
  const reply = await new Promise((res) => {
    w.pending = res;
    timer = setTimeout(() => res({ ok: false, timeout: true, error: `timeout after ${timeoutMs / 1000} s` }), timeoutMs);
    w.child.send(msg);
  });
  clearTimeout(timer);
  w.pending = null;
  if (!reply.ok && !reply.notApplicable) {
    w.child.kill('SIGKILL');
    delete workers[n];
  }
  return reply;
}

// 2. `x + 1`.
for (const n of names) {
  log(`x + 1: ${n}...`);
  const r = await ask(n, { op: 'micro' });
  if (!r.ok) throw new Error(`${n}: x + 1: ${r.error}`);
  results.engines[n].micro = { freshUs: r.freshUs, freshSamples: r.freshSamples, existingUs: r.existingUs, existingSamples: r.existingSamples };
}

// 3. CPU programs. Per round: CPython first (its output is the reference), then every
// engine, interleaved like bench/run.py so that drift hits all alike.
const programs = fs.readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.py') && f !== 'run.py' && (!only || only.includes(f.slice(0, -3))))
  .sort();
const firstDiff = (a, b) => {
  const al = a.split('\n');
  const bl = b.split('\n');
  const i = al.findIndex((l, k) => l !== bl[k]);
  return `printed ${JSON.stringify((al[i] ?? '').slice(0, 60))} where CPython printed ${JSON.stringify((bl[i] ?? '').slice(0, 60))}`;
};
for (const file of programs) {
  const code = fs.readFileSync(path.join(root, 'bench', file), 'utf8');
  const times = Object.fromEntries(Object.keys(results.engines).map((n) => [n, []]));
  const failed = {};
  let reference = null;
  const record = (n, ms, output) => {
    if (output !== reference) failed[n] = { error: `wrong output: ${firstDiff(output, reference)}` };
    else {
      times[n].push(ms);
      if (ms > longMs) failed[n] = { single: true }; // keep the time, do not repeat
    }
  };
  for (let r = 0; r < rounds; r++) {
    log(`${file} round ${r + 1}/${rounds}...`);
    const py = spawnWall(python, [path.join(root, 'bench', file)]);
    reference ??= py.stdout;
    record('python3', py.ms, py.stdout);
    if (hasNative && !failed['monty native']) {
      const nat = spawnWall(native, [path.join(root, 'bench', file)], { check: false });
      if (nat.error) failed['monty native'] = { error: nat.error };
      else record('monty native', nat.ms, nat.stdout);
    }
    for (const n of names) {
      if (failed[n]) continue;
      const res = await ask(n, { op: 'program', file, code });
      if (res.ok) record(n, res.ms, res.output);
      else failed[n] = { error: res.error, notApplicable: res.notApplicable, timeout: res.timeout };
    }
  }
  for (const n of Object.keys(results.engines)) {
    const f = failed[n];
    results.engines[n].cpu[file] = times[n].length && !f?.error
      ? { ms: median(times[n]), runs: times[n] }
      : { error: f?.error ?? 'not run', notApplicable: f?.notApplicable || undefined, timeout: f?.timeout || undefined };
  }
}
for (const w of Object.values(workers)) w.child.kill();

// Ratios to monty-wasm and their geometric means (over the programs both ran).
const base = results.engines['monty-wasm'];
for (const [n, e] of Object.entries(results.engines)) {
  const logs = [];
  for (const [f, c] of Object.entries(e.cpu)) {
    const b = base.cpu[f];
    if (c.ms !== undefined && b.ms !== undefined) {
      c.ratio = c.ms / b.ms;
      logs.push(Math.log(c.ratio));
    }
  }
  e.cpuGeomeanRatio = logs.length ? Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length) : null;
  e.cpuGeomeanPrograms = logs.length;
}

if (args.includes('--json')) {
  console.log(JSON.stringify(results, null, 2));
} else {
  console.log(report(results));
}

// The Markdown report: one table of start-up, small-run and size numbers, one of the
// programs, then the notes needed to read them.
function report(res) {
  const cols = Object.keys(res.engines);
  const E = res.engines;
  const num = (x) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const ratio = (x, b) => (b ? ` (${num(x / b)}×)` : '');
  const cell = (n, get) => {
    const v = get(E[n]);
    if (v === undefined || v === null) return '—';
    const b = n === 'monty-wasm' ? null : get(E['monty-wasm']);
    return num(v) + ratio(v, b);
  };
  const row = (label, get) => `| ${label} | ${cols.map((n) => cell(n, get)).join(' | ')} |`;
  const head = `| | ${cols.map((n) => `**${n}**`).join(' | ')} |\n|---|${cols.map(() => '---:').join('|')}|`;
  const kb = (b) => (b === undefined ? undefined : b / 1024);
  const lines = [
    head,
    `| version | ${cols.map((n) => E[n].version).join(' | ')} |`,
    `| what | ${cols.map((n) => E[n].kind).join(' | ')} |`,
    row('fresh process: import + load + `1 + 1`, ms', (e) => e.freshProcess?.ownWorkMs),
    row('fresh process: start → first result, ms', (e) => e.freshProcess?.sinceStartMs),
    row('fresh process: spawn → exit, ms', (e) => e.freshProcess?.wallMs),
    row('new interpreter + `x + 1`, µs', (e) => e.micro?.freshUs),
    row('`x + 1` on an existing interpreter, µs', (e) => e.micro?.existingUs),
    `| binary | ${cols.map((n) => E[n].binary?.file ?? '—').join(' | ')} |`,
    row('binary, KiB', (e) => kb(e.binary?.bytes)),
    row('binary gzip -9, KiB', (e) => kb(e.binary?.gzipBytes)),
    row('installed package, KiB', (e) => kb(e.installBytes)),
    '',
    `| program, ms | ${cols.map((n) => `**${n}**`).join(' | ')} |\n|---|${cols.map(() => '---:').join('|')}|`,
  ];
  const notes = [];
  for (const f of Object.keys(E['monty-wasm'].cpu)) {
    const cells = cols.map((n) => {
      const c = E[n].cpu[f];
      if (c.ms === undefined) {
        if (!c.notApplicable) notes.push(`${n} ${f}: ${c.error}`); // else said in the engine's notes
        // n/a: the engine cannot run it (the reason is in the notes); wrong: it ran but
        // printed something else than CPython.
        return c.timeout ? `> ${res.timeoutS} s` : c.error.startsWith('wrong output') ? 'wrong' : 'n/a';
      }
      const single = c.runs.length === 1 && res.rounds > 1 ? '¹' : '';
      return num(c.ms) + single + (c.ratio !== undefined && n !== 'monty-wasm' ? ` (${num(c.ratio)}×)` : '');
    });
    lines.push(`| ${f.slice(0, -3)} | ${cells.join(' | ')} |`);
  }
  lines.push(`| **geometric mean of ratios** | ${cols.map((n) => (n === 'monty-wasm' || E[n].cpuGeomeanRatio === null ? '' : `**${num(E[n].cpuGeomeanRatio)}×** (${E[n].cpuGeomeanPrograms})`)).join(' | ')} |`);
  lines.push('');
  lines.push(`${res.date.slice(0, 10)}, Node ${res.node}, ${res.machine}; medians of ${res.rounds} rounds ` +
    `(fresh processes: ${Math.max(res.rounds, 5)}). (N×) = engine / monty-wasm: above 1 the engine takes longer ` +
    `or is larger. Geometric means are over the programs both ran (count in parentheses). ` +
    `Programs: compile + run in a fresh interpreter, in a process that had loaded the engine; monty native ` +
    `and python3 are wall times of one process per run (including their start, see the spawn → exit row). ` +
    `An empty \`node -e 0\` takes ${num(res.nodeEmptyProcessMs)} ms spawn → exit.${res.builds ? ` ${res.builds}.` : ''}`);
  if (lines.some((l) => l.includes('¹'))) lines.push(`¹ a single run: runs over ${res.singleRunOverS} s are not repeated.`);
  for (const n of cols) if (E[n].notes) lines.push(`- ${n}: ${E[n].notes}.`);
  for (const note of notes) lines.push(`- ${note}`);
  if (res.notInstalled?.length) lines.push(`- not installed (npm ci --prefix bench/peers): ${res.notInstalled.join(', ')}`);
  return lines.join('\n');
}
