// A/B of two builds of the npm package in one Node process: the CPU programs
// of bench/*.py, a few workloads of the code that is not on the interpreter's
// hot path (json, itertools, set and dict methods, snapshot dump/load), and
// `new Monty('x + 1')` + run. Runs alternate A, B, A, B... so the machine's
// load hits both alike; each row is the median over rounds and B's time as a
// ratio of A's (below 1: B is faster).
//
//   cp -r npm-package /tmp/pkgA          # build A, then build B into npm-package/
//   node bench/ab_packages.mjs /tmp/pkgA npm-package [--rounds 7] [--only fib,json]
//
// Used to decide build options (bench/README.md, "WebAssembly size").
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (positional.length !== 2) {
  console.error('usage: node bench/ab_packages.mjs PKG_DIR_A PKG_DIR_B [--rounds N] [--only a,b]');
  process.exit(2);
}
const rounds = Number(opt('--rounds', 7));
const only = opt('--only', null)?.split(',');

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function loadPackage(dir) {
  const mod = await import(pathToFileURL(path.resolve(dir, 'dist', 'index.mjs')).href);
  await mod.loadMonty();
  return mod;
}

// Workloads of code outside the hot files: each is a Python program run once
// per round (its own loop makes it take tens of milliseconds).
const coldPrograms = {
  json: `import json
data = [{"id": i, "name": "item%d" % i, "tags": ["a", "b"], "price": i * 1.5} for i in range(300)]
n = 0
for _ in range(40):
    n += len(json.loads(json.dumps(data)))
n`,
  itertools: `import itertools
n = 0
for _ in range(200):
    for a, b in itertools.product(range(20), repeat=2):
        n += a
    n += sum(itertools.chain(range(100), range(100)))
    n += len(list(itertools.combinations(range(12), 3)))
n`,
  sets_dicts: `n = 0
for i in range(3000):
    s = set(range(i % 50))
    t = {x * 2 for x in range(i % 40)}
    n += len(s | t) + len(s & t) + len(s - t)
    d = dict.fromkeys(range(i % 30), 0)
    d.update({k: k for k in range(10)})
    n += sum(d.values()) + len(d.items()) + d.get(3, 0) + d.setdefault(99, 1)
n`,
  bytes_math: `import math
n = 0.0
for i in range(20000):
    b = b"abc" * (i % 7)
    n += len(b.hex()) + b.count(b"a") + math.sqrt(i) + math.floor(i / 3) + math.gcd(i, 60)
n`,
};

async function main() {
  const [A, B] = await Promise.all(positional.map(loadPackage));
  const sizes = positional.map((d) => fs.statSync(path.resolve(d, 'dist', 'monty.wasm')).size);
  console.log(`A ${positional[0]}: monty.wasm ${sizes[0].toLocaleString()} bytes`);
  console.log(`B ${positional[1]}: monty.wasm ${sizes[1].toLocaleString()} bytes`);

  const workloads = {};
  for (const file of fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.py') && f !== 'run.py').sort()) {
    workloads[file.replace(/\.py$/, '')] = fs.readFileSync(path.join(root, 'bench', file), 'utf8');
  }
  Object.assign(workloads, coldPrograms);

  const rows = [];
  for (const [name, code] of Object.entries(workloads)) {
    if (only && !only.includes(name)) continue;
    const times = [[], []];
    const outputs = ['', ''];
    for (let r = 0; r < rounds; r++) {
      [A, B].forEach((pkg, k) => {
        let out = '';
        const t0 = performance.now();
        const value = new pkg.Monty(code, { scriptName: `${name}.py` }).run({ printCallback: (_s, text) => { out += text; } });
        times[k].push(performance.now() - t0);
        outputs[k] = out + String(value);
      });
    }
    if (outputs[0] !== outputs[1]) throw new Error(`${name}: A and B disagree`);
    rows.push([name, median(times[0]), median(times[1]), 'ms']);
    process.stderr.write(`${name} `);
  }

  // new Monty('x + 1') + run, µs: medians of batches of 2,000.
  if (!only || only.includes('x+1')) {
    const times = [[], []];
    for (let r = 0; r < rounds * 3; r++) {
      [A, B].forEach((pkg, k) => {
        const t0 = performance.now();
        for (let i = 0; i < 2000; i++) new pkg.Monty('x + 1', { inputs: ['x'] }).run({ inputs: { x: i } });
        times[k].push(((performance.now() - t0) * 1000) / 2000);
      });
    }
    rows.push(['new Monty(x + 1) + run', median(times[0]), median(times[1]), 'µs']);
  }

  // dump + load of a paused program with some state, µs.
  if (!only || only.includes('snapshot')) {
    const code = `data = {i: [str(i)] * 3 for i in range(200)}
def work(n):
    return fetch(n) + len(data)
work(3)`;
    const times = [[], []];
    for (let r = 0; r < rounds * 3; r++) {
      [A, B].forEach((pkg, k) => {
        const snap = new pkg.Monty(code, { externalFunctions: ['fetch'] }).start();
        const t0 = performance.now();
        for (let i = 0; i < 200; i++) pkg.MontySnapshot.load(snap.dump());
        times[k].push(((performance.now() - t0) * 1000) / 200);
      });
    }
    rows.push(['snapshot dump + load', median(times[0]), median(times[1]), 'µs']);
  }

  process.stderr.write('\n');
  console.log(`\n| workload | A | B | B/A |\n|---|---:|---:|---:|`);
  for (const [name, a, b, unit] of rows) {
    console.log(`| ${name} | ${a.toFixed(2)} ${unit} | ${b.toFixed(2)} ${unit} | ${(b / a).toFixed(2)} |`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
