// The interpreters bench/js_bench.mjs compares, behind one small interface, and the
// child-process entry points it uses to measure them.
//
// This file lives in bench/peers/ so that bare imports ('pyodide', '@pydantic/monty', ...)
// resolve to bench/peers/node_modules (installed by `npm ci --prefix bench/peers`);
// monty-wasm itself is imported from npm-package/dist.
//
//   node bench/peers/engines.mjs first ENGINE   fresh process: import + load + `1 + 1`,
//                                               prints one line: MARK + JSON timings
//   (forked with IPC) engines.mjs worker ENGINE loads ENGINE once, then answers the
//                                               parent's {op: 'micro'} / {op: 'program'}
//
// Every engine object has:
//   pkg              npm package whose version is reported (null: monty-wasm)
//   kind             what it is, for the report
//   binary(nm)       path of the engine's main binary (given the peers' node_modules), for sizes
//   load()           import and initialise; resolves to an API with
//     first()          value of `1 + 1` (the fresh-process measurement ends here)
//     fresh(i)         a new interpreter computing `x + 1` with x = i (may return a promise)
//     freshSamples     optional: take only this many samples of fresh() (when it takes seconds)
//     existing()       returns (or resolves to) a function i => value of `x + 1` on one interpreter
//     prepare(file, code)  resolves to {run() -> printed output, dispose?()}; run() is
//                      what is timed, so interpreter creation that is not compiling the
//                      program stays outside it
//   notes            what the measurements mean for this engine, when not the obvious
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
export const MARK = '@@engine-result ';

// Pyodide and MicroPython report output through callbacks; collect it into a string.
function sink() {
  const s = { text: '' };
  s.line = (line) => { s.text += line + '\n'; };
  return s;
}

// QuickJS runs JavaScript, so it only gets hand ports of the two programs whose work maps
// 1:1 onto JS numbers (all values stay exact in doubles); they return what the Python
// version prints, so the output check still applies.
const JS_PORTS = {
  'fib.py': `
function fib(n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }
fib(30) + '\\n';`,
  'loops.py': `
let total = 0, i = 0;
while (i < 1000000) { total += i * 3 % 7; i += 1; }
let acc = 0;
for (let j = 0; j < 1000000; j++) { if (j & 1) acc += j; else acc -= j >> 1; }
let count = 0;
for (let a = 0; a < 1000; a++) for (let b = 0; b < 1000; b++) count += a ^ b;
total + ' ' + acc + ' ' + count + '\\n';`,
};

export const ENGINES = {
  'monty-wasm': {
    pkg: null,
    kind: 'wasm (this project, C++)',
    binary: () => path.join(root, 'npm-package', 'dist', 'monty.wasm'),
    async load() {
      const { loadMonty, Monty } = await import(pathToFileURL(path.join(root, 'npm-package', 'dist', 'index.mjs')).href);
      await loadMonty();
      return {
        first: () => new Monty('1 + 1').run(),
        fresh: (i) => new Monty('x + 1', { inputs: ['x'] }).run({ inputs: { x: i } }),
        existing() {
          const m = new Monty('x + 1', { inputs: ['x'] });
          return (i) => m.run({ inputs: { x: i } });
        },
        async prepare(file, code) {
          const out = sink();
          return {
            run() {
              new Monty(code, { scriptName: file }).run({ printCallback: (_stream, text) => { out.text += text; } });
              return out.text;
            },
          };
        },
      };
    },
  },

  '@pydantic/monty': {
    pkg: '@pydantic/monty',
    kind: 'native Node addon (Rust)',
    // The platform package (e.g. @pydantic/monty-linux-x64-gnu) holds the addon.
    binary(nm) {
      const dir = fs.readdirSync(path.join(nm, '@pydantic')).find((d) => d.startsWith('monty-'));
      const file = dir && fs.readdirSync(path.join(nm, '@pydantic', dir)).find((f) => f.endsWith('.node'));
      return file ? path.join(nm, '@pydantic', dir, file) : null;
    },
    async load() {
      const { Monty } = await import('@pydantic/monty');
      return {
        first: () => new Monty('1 + 1').run(),
        fresh: (i) => new Monty('x + 1', { inputs: ['x'] }).run({ inputs: { x: i } }),
        existing() {
          const m = new Monty('x + 1', { inputs: ['x'] });
          return (i) => m.run({ inputs: { x: i } });
        },
        async prepare(file, code) {
          const out = sink();
          return {
            run() {
              new Monty(code, { scriptName: file }).run({ printCallback: (_stream, text) => { out.text += text; } });
              return out.text;
            },
          };
        },
      };
    },
  },

  pyodide: {
    pkg: 'pyodide',
    kind: 'wasm (CPython 3.14)',
    binary: (nm) => path.join(nm, 'pyodide', 'pyodide.asm.wasm'),
    notes: 'new interpreter = loadPyodide() in a warm process (few samples); `x + 1` on an existing ' +
      'interpreter = runPython, which compiles the snippet each time; programs run in a fresh globals dict',
    async load() {
      const { loadPyodide } = await import('pyodide');
      const py = await loadPyodide();
      const decoder = new TextDecoder();
      let out = null;
      // Raw writes, so the captured output is byte for byte what the program printed.
      py.setStdout({ write: (buf) => { if (out) out.text += decoder.decode(buf, { stream: true }); return buf.length; } });
      return {
        first: () => py.runPython('1 + 1'),
        async fresh(i) {
          const p = await loadPyodide();
          p.globals.set('x', i);
          return p.runPython('x + 1');
        },
        freshSamples: 3, // each loadPyodide() takes seconds and ~100 MB
        existing() {
          return (i) => {
            py.globals.set('x', i);
            return py.runPython('x + 1');
          };
        },
        async prepare(file, code) {
          const globals = py.globals.get('dict')();
          return {
            run() {
              out = sink();
              py.runPython(code, { globals, filename: file });
              const text = out.text;
              out = null;
              return text;
            },
            dispose: () => globals.destroy(),
          };
        },
      };
    },
  },

  micropython: {
    pkg: '@micropython/micropython-webassembly-pyscript',
    kind: 'wasm (MicroPython)',
    binary: (nm) => path.join(nm, '@micropython', 'micropython-webassembly-pyscript', 'micropython.wasm'),
    notes: 'a new interpreter is a new wasm instance (loadMicroPython); runPython executes statements ' +
      'and returns nothing, so `x + 1` is `_r = x + 1` plus a read of _r, compiled each time; ' +
      'package defaults (1 MB initial GC heap, which grows)',
    async load() {
      const { loadMicroPython } = await import('@micropython/micropython-webassembly-pyscript');
      const evalX = (mp, i) => {
        mp.globals.set('x', i);
        mp.runPython('_r = x + 1');
        return mp.globals.get('_r');
      };
      // Only the newest instance works: the JS glue keeps it in globalThis.Module, which the
      // proxies of every instance use. So each use below starts from its own loadMicroPython().
      const mp = await loadMicroPython();
      return {
        first: () => { mp.runPython('_r = 1 + 1'); return mp.globals.get('_r'); },
        fresh: async (i) => evalX(await loadMicroPython(), i),
        async existing() {
          const m = await loadMicroPython();
          return (i) => evalX(m, i);
        },
        async prepare(file, code) {
          const out = sink();
          const fresh = await loadMicroPython({ stdout: out.line, stderr: () => {} });
          return { run() { fresh.runPython(code); return out.text; } };
        },
      };
    },
  },

  quickjs: {
    pkg: 'quickjs-emscripten',
    kind: 'wasm (QuickJS; runs JavaScript)',
    binary: (nm) => path.join(nm, '@jitl', 'quickjs-wasmfile-release-sync', 'dist', 'emscripten-module.wasm'),
    notes: 'runs JavaScript: `x + 1` is the JS expression; a new interpreter is newContext() (runtime + ' +
      'context in the loaded module); of the programs only fib and loops are ported (hand-written JS)',
    async load() {
      const { getQuickJS } = await import('quickjs-emscripten');
      const QuickJS = await getQuickJS();
      const evalX = (vm, i) => {
        const x = vm.newNumber(i);
        vm.setProp(vm.global, 'x', x);
        x.dispose();
        const r = vm.unwrapResult(vm.evalCode('x + 1'));
        const v = vm.getNumber(r);
        r.dispose();
        return v;
      };
      return {
        first: () => QuickJS.evalCode('1 + 1'),
        fresh(i) {
          const vm = QuickJS.newContext();
          try { return evalX(vm, i); } finally { vm.dispose(); }
        },
        existing() {
          const vm = QuickJS.newContext();
          return (i) => evalX(vm, i);
        },
        async prepare(file) {
          if (!JS_PORTS[file]) throw Object.assign(new Error('no JavaScript port'), { notApplicable: true });
          const vm = QuickJS.newContext();
          return {
            run() {
              const r = vm.unwrapResult(vm.evalCode(JS_PORTS[file]));
              const s = vm.getString(r);
              r.dispose();
              return s;
            },
            dispose: () => vm.dispose(),
          };
        },
      };
    },
  },
};

// Median of a list of numbers.
export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// Median time of fn in µs: warm up for a quarter of the budget (at least `warm` calls), then
// take up to `max` samples within `budgetMs` (at least `min`). Awaiting only when fn returns
// a promise keeps the microtask hop out of the synchronous engines' numbers. The results are
// checked, so an adapter that computes nothing cannot look fast.
async function timeUs(fn, { max, budgetMs, min = 3, warm = 3 }) {
  const check = async (i) => {
    let v = fn(i);
    if (v instanceof Promise) v = await v;
    if (Number(v) !== i + 1) throw new Error(`x + 1 with x = ${i} gave ${v}`);
  };
  const warmEnd = performance.now() + budgetMs / 4;
  for (let i = 0; i < warm || performance.now() < warmEnd; i++) await check(i);
  const ts = [];
  const end = performance.now() + budgetMs;
  for (let i = 0; ts.length < max && (ts.length < min || performance.now() < end); i++) {
    const a = performance.now();
    let v = fn(i);
    if (v instanceof Promise) v = await v;
    ts.push(performance.now() - a);
    if (i % 997 === 0 && Number(v) !== i + 1) throw new Error(`x + 1 with x = ${i} gave ${v}`);
  }
  return { us: median(ts) * 1000, samples: ts.length };
}

async function worker(name) {
  const api = await ENGINES[name].load();
  const reply = (m) => process.send(m);
  process.on('message', async (msg) => {
    try {
      if (msg.op === 'micro') {
        const fresh = await timeUs(api.fresh, api.freshSamples
          ? { max: api.freshSamples, min: api.freshSamples, warm: 1, budgetMs: 0 }
          : { max: 5000, budgetMs: 3000 });
        const existing = await timeUs(await api.existing(), { max: 20000, budgetMs: 3000 });
        reply({ ok: true, freshUs: fresh.us, freshSamples: fresh.samples, existingUs: existing.us, existingSamples: existing.samples });
      } else if (msg.op === 'program') {
        let prog;
        try {
          prog = await api.prepare(msg.file, msg.code);
        } catch (e) {
          if (e.notApplicable) return reply({ ok: false, notApplicable: true, error: e.message });
          throw e;
        }
        try {
          const a = performance.now();
          const output = prog.run();
          const ms = performance.now() - a;
          reply({ ok: true, ms, output });
        } finally {
          prog.dispose?.();
        }
      }
    } catch (e) {
      // Python errors carry the traceback in the message; its last line names the exception.
      const last = String(e?.message ?? e).trim().split('\n').pop();
      const error = /^\w+(Error|Exception|Exit|Interrupt): /.test(last) ? last : `${e?.name ?? 'Error'}: ${last}`;
      reply({ ok: false, error: error.slice(0, 300) });
    }
  });
  reply({ ready: true });
}

async function first(name) {
  const start = performance.now();
  const api = await ENGINES[name].load();
  const value = api.first();
  const end = performance.now();
  // performance.now() counts from the process's time origin (its start), so `end` is the
  // time from process start to the first result.
  console.log(MARK + JSON.stringify({ sinceStartMs: end, ownWorkMs: end - start, value: String(value) }));
  process.exit(0); // pyodide and quickjs keep handles open; do not wait for them
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, name] = process.argv.slice(2);
  if (!ENGINES[name]) throw new Error(`unknown engine ${name}`);
  if (mode === 'first') await first(name);
  else if (mode === 'worker') await worker(name);
  else throw new Error(`unknown mode ${mode}`);
}
