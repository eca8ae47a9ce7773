// Time to the first result, by phase, in fresh Node processes; and how much
// wasm V8 compiles on the way (bench/README.md, "Time to the first result").
//
//   node bench/first_result.mjs [--rounds 20] [--pkg npm-package] [--program tiny|small|FILE.py]
//
// Per round one fresh process imports the package, loads the module, creates
// an interpreter for the program and runs it; the report gives the median of
// each phase. Then one more process runs with V8's
// --trace-wasm-compilation-times, which logs every wasm function V8 compiles
// (lazily, on its first call): the report sums their body sizes per phase.
// `--pkg` takes another build of the package (e.g. a copy of npm-package/
// made before a change) for A/B runs; run both in one session, since this
// machine's load moves absolute times by 10-60%.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROGRAMS = {
  tiny: '1 + 1',
  // What a short model-written program touches: a function, a loop, an if,
  // a comprehension, a dict, an f-string, builtins.
  small: `
def score(items, weight=2):
    total = 0
    for i, x in enumerate(items):
        if x % 2 == 0:
            total += x * weight
        else:
            total -= i
    return total

data = [x * x for x in range(10)]
result = {"sum": sum(data), "score": score(data), "name": f"run {len(data)}"}
result
`,
};

// The child: one measurement, printed as one JSON line.
if (process.argv[2] === '--child') {
  const [, , , pkg, program] = process.argv;
  const code = PROGRAMS[program] ?? fs.readFileSync(program, 'utf8');
  const mark = (phase) => process.env.MONTY_TRACE_PHASES && fs.writeSync(1, `PHASE ${phase}\n`);
  const t0 = performance.now();
  const m = await import(pathToFileURL(path.join(pkg, 'dist', 'index.mjs')).href);
  const t1 = performance.now();
  mark('load');
  await m.loadMonty();
  const t2 = performance.now();
  mark('construct');
  const monty = new m.Monty(code);
  const t3 = performance.now();
  mark('run');
  monty.run({ printCallback: () => {} });
  const t4 = performance.now();
  mark('end');
  fs.writeSync(1, JSON.stringify({ import: t1 - t0, load: t2 - t1, construct: t3 - t2, run: t4 - t3, total: t4 - t0 }) + '\n');
  process.exit(0);
}

const opt = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const rounds = Number(opt('--rounds', '20'));
const pkg = path.resolve(opt('--pkg', path.join(root, 'npm-package')));
const program = opt('--program', 'tiny');
const self = fileURLToPath(import.meta.url);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const runs = [];
for (let i = 0; i < rounds; i++) {
  const r = spawnSync(process.execPath, [self, '--child', pkg, program], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
}
console.log(`${program} with ${path.relative(process.cwd(), pkg) || '.'}: median of ${rounds} fresh processes, ms`);
console.log(Object.keys(runs[0]).map((k) => `${k} ${median(runs.map((r) => r[k])).toFixed(1)}`).join('  '));

const traced = spawnSync(process.execPath, ['--trace-wasm-compilation-times', self, '--child', pkg, program], {
  encoding: 'utf8',
  env: { ...process.env, MONTY_TRACE_PHASES: '1' },
});
const compiled = {};
const slowest = [];
let phase = 'import';
for (const line of traced.stdout.split('\n')) {
  if (line.startsWith('PHASE ')) phase = line.slice(6);
  const m = /#(\d+) using Liftoff, took (\d+) ms and (\d+) bytes.*bodysize (\d+)/.exec(line);
  if (m) {
    compiled[phase] ??= { functions: 0, bytes: 0, ms: 0 };
    compiled[phase].functions++;
    compiled[phase].bytes += Number(m[4]);
    compiled[phase].ms += Number(m[2]);
    slowest.push({ index: m[1], ms: Number(m[2]), zone: Number(m[3]), body: Number(m[4]) });
  }
}
console.log('wasm compiled lazily (Liftoff): ' +
  Object.entries(compiled).map(([p, c]) => `${p} ${c.functions} functions, ${(c.bytes / 1000).toFixed(1)} KB, ${c.ms} ms`).join('; '));
// Liftoff's time grows faster than a function's size (see bench/README.md):
// the slowest functions, by their index in the module (a --profiling-funcs
// build of the package names them, e.g. through wasm-dis).
slowest.sort((a, b) => b.ms - a.ms || b.body - a.body);
console.log('slowest: ' + slowest.slice(0, 3)
  .map((f) => `#${f.index} ${(f.body / 1000).toFixed(1)} KB ${f.ms} ms (V8 zone ${(f.zone / 1e6).toFixed(1)} MB)`).join('; '));
