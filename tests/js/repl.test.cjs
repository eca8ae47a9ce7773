// MontyRepl: a session whose globals persist between snippets, dumped and
// loaded like a paused run.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const {
  loadMonty, Monty, MontyRepl, MontyRuntimeError, MontySyntaxError, MontyLoadError, MontyLimitError,
  MontyUsageError, tuple,
} = require('../../npm-package/dist/index.cjs');

const entry = path.resolve(__dirname, '../../npm-package/dist/index.cjs');
beforeAll(() => loadMonty());

function collect() {
  const out = [];
  return { out, printCallback: (stream, text) => out.push([stream, text]) };
}

test('globals, functions and classes persist from one snippet to the next', () => {
  const { out, printCallback } = collect();
  const repl = new MontyRepl({ printCallback });
  expect(repl.scriptName).toBe('<stdin>');
  expect(repl.feed('x = 40\ndef add(a, b=2):\n    return a + b')).toBeNull();
  expect(repl.feed('add(x)')).toBe(42);
  expect(repl.feed('class P:\n    def __init__(self, n): self.n = n\n    def __repr__(self): return f"P({self.n})"')).toBeNull();
  expect(repl.feed('ps = [P(i) for i in range(3)]\nprint(ps)\nlen(ps), ps[-1].n')).toEqual(tuple(3, 2));
  expect(out).toEqual([['stdout', '[P(0), P(1), P(2)]\n']]);
});

test('asyncio.run works in one snippet after another, also in a session loaded from a dump', () => {
  const repl = new MontyRepl({ printCallback: null });
  repl.feed('import asyncio\nasync def double(x):\n    await asyncio.sleep(1)\n    return 2 * x');
  expect(repl.feed('asyncio.run(double(4))')).toBe(8);
  repl.feed('async def many(xs):\n    return await asyncio.gather(*map(double, xs))');
  const again = MontyRepl.load(repl.dump(), { printCallback: null });
  expect(again.feed('asyncio.run(many([1, 2, 3]))')).toEqual([2, 4, 6]);
  expect(again.feed('def later():\n    return "later"\nlater()')).toBe('later');
});

test('a snippet that raises keeps the earlier state, with a CPython traceback', () => {
  const repl = new MontyRepl({ printCallback: null });
  repl.feed('items = [1, 2, 3]');
  let error;
  try {
    repl.feed('items.append(4)\nitems[10]');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MontyRuntimeError);
  expect(error.type).toBe('IndexError');
  expect(error.formatted).toBe(
    'Traceback (most recent call last):\n  File "<stdin>", line 2, in <module>\nIndexError: list index out of range\n',
  );
  expect(repl.feed('items')).toEqual([1, 2, 3, 4]); // what ran before the error stays done
  expect(() => repl.feed('def broken(:')).toThrow(MontySyntaxError);
  expect(repl.feed('sum(items)')).toBe(10);
});

test('limits apply to each snippet, and the session survives a limit', () => {
  const repl = new MontyRepl({ limits: { maxInstructions: 1000 }, printCallback: null });
  repl.feed('n = 5');
  expect(() => repl.feed('while True:\n    n += 1')).toThrow(MontyLimitError);
  expect(repl.feed('n > 5')).toBe(true);
  expect(repl.feed('total = 0\nfor i in range(100):\n    total += i\ntotal')).toBe(4950);
});

test('a session dumps to bytes and continues after load, also in a fresh process', () => {
  const repl = new MontyRepl({ printCallback: null });
  repl.feed('import_count = 0\ndef counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc');
  repl.feed('c = counter()\nc(); c()\ngen = (i * i for i in range(5))\nnext(gen)');
  const bytes = repl.dump();
  expect(bytes).toBeInstanceOf(Uint8Array);
  expect(Buffer.from(repl.dump()).equals(Buffer.from(bytes))).toBe(true); // deterministic

  const loaded = MontyRepl.load(bytes, { printCallback: null });
  expect(loaded.feed('c(), next(gen), list(gen)')).toEqual(tuple(3, 1, [4, 9, 16]));
  expect(repl.feed('c()')).toBe(3); // the original is independent

  const script = `
    const { loadMonty, MontyRepl } = require(${JSON.stringify(entry)});
    loadMonty().then(() => {
      const r = MontyRepl.load(new Uint8Array(Buffer.from(process.argv[1], 'base64')));
      r.feed('print(c(), c())');
    });`;
  const r = spawnSync(process.execPath, ['-e', script, Buffer.from(bytes).toString('base64')]);
  expect(r.stderr.toString()).toBe('');
  expect(r.stdout.toString()).toBe('3 4\n');
});

test('bad input to MontyRepl is a typed error', () => {
  expect(() => MontyRepl.load(new Uint8Array([1, 2, 3]))).toThrow(MontyLoadError);
  expect(() => MontyRepl.load(new Monty('1').dump())).toThrow(MontyLoadError); // a program, not a session
  expect(() => MontyRepl.load('bytes')).toThrow(MontyUsageError);
  const repl = new MontyRepl();
  expect(() => repl.feed(42)).toThrow(MontyUsageError);
  const good = repl.dump();
  for (let i = 0; i < good.length; i += 3) {
    const b = good.slice();
    b[i] ^= 0x5a;
    try {
      MontyRepl.load(b).feed('1');
    } catch (e) {
      expect(e.constructor.name).toMatch(/^Monty/);
    }
  }
});

test('a print callback cannot call back into monty-wasm while it runs', () => {
  let inner;
  const repl = new MontyRepl({
    printCallback: () => {
      try {
        new Monty('1').run();
      } catch (e) {
        inner = e;
      }
    },
  });
  repl.feed('print("x")');
  expect(inner).toBeInstanceOf(MontyUsageError);
  expect(inner.message).toMatch(/cannot be called while it is running/);
  expect(repl.feed('2 + 2')).toBe(4);
});

describe('wasm memory stays bounded in synchronous loops (least recently used objects are evicted)', () => {
  const { memoryStats, MontySnapshot } = require('../../npm-package/dist/index.cjs');

  test('programs: thousands created in one loop, the first still runs', () => {
    const first = new Monty('x * 2', { inputs: ['x'] });
    for (let i = 0; i < 3000; i++) {
      expect(new Monty(`x + ${i}`, { inputs: ['x'] }).run({ inputs: { x: 1 } })).toBe(i + 1);
    }
    expect(memoryStats().liveObjects).toBeLessThanOrEqual(128);
    expect(first.run({ inputs: { x: 21 } })).toBe(42); // compiled again from its source
    const loaded = Monty.load(first.dump());
    for (let i = 0; i < 200; i++) new Monty(String(i));
    expect(loaded.run({ inputs: { x: 5 } })).toBe(10); // restored from its dump
  });

  test('paused runs: evicted ones are kept as dumps and resume exactly', () => {
    const m = new Monty('a = fetch(n)\nb = fetch(n + 1)\n[n, a, b]', { inputs: ['n'], externalFunctions: ['fetch'] });
    const paused = [];
    for (let n = 0; n < 400; n++) paused.push(m.start({ inputs: { n } }));
    expect(memoryStats().liveObjects).toBeLessThanOrEqual(128);
    for (let n = 0; n < 400; n++) {
      const p = paused[n];
      expect(p.args).toEqual([n]);
      const next = p.resume(n * 10);
      expect(next).toBeInstanceOf(MontySnapshot);
      expect(next.resume(-n).output).toEqual([n, n * 10, -n]);
    }
    expect(() => paused[0].resume(1)).toThrow(/already resumed/);
  });

  test('REPL sessions: evicted ones keep their globals', () => {
    const repls = [];
    for (let i = 0; i < 300; i++) {
      const r = new MontyRepl({ printCallback: null });
      r.feed(`v = ${i}\ndef f(): return v * 2`);
      repls.push(r);
    }
    expect(memoryStats().liveObjects).toBeLessThanOrEqual(128);
    repls.forEach((r, i) => expect(r.feed('f()')).toBe(2 * i));
  });
});

describe('dispose() frees at once; the object then refuses use with MontyUsageError', () => {
  const { memoryStats, MontySnapshot } = require('../../npm-package/dist/index.cjs');

  test('Monty, MontySnapshot and MontyRepl', () => {
    const m = new Monty('f(1) + 1', { externalFunctions: ['f'] });
    const paused = m.start();
    const repl = new MontyRepl();
    const withThree = memoryStats().liveObjects; // earlier tests may have filled the resident set

    paused.dispose();
    paused.dispose(); // idempotent
    expect(() => paused.resume(1)).toThrow(MontyUsageError);
    expect(() => paused.resume(1)).toThrow('this snapshot was disposed');
    expect(() => paused.dump()).toThrow('this snapshot was disposed');
    repl.dispose();
    expect(() => repl.feed('1')).toThrow('this REPL session was disposed');
    expect(() => repl.dump()).toThrow(MontyUsageError);
    const running = m.start(); // a run started before dispose() goes on
    m.dispose();
    expect(() => m.run()).toThrow('this Monty was disposed');
    expect(() => m.dump()).toThrow(MontyUsageError);
    expect(running.resume(41).output).toBe(42);
    expect(memoryStats().liveObjects).toBe(withThree - 3);
  });

  test('disposing after a resume, or an evicted object, does nothing more', () => {
    const m = new Monty('g()', { externalFunctions: ['g'] });
    const p = m.start();
    expect(p.resume('x').output).toBe('x');
    p.dispose();
    const evicted = new MontyRepl();
    evicted.feed('a = 1');
    for (let i = 0; i < 200; i++) new Monty(String(i)); // pushes it out of wasm memory
    evicted.dispose();
    expect(() => evicted.feed('a')).toThrow('this REPL session was disposed');
  });

  test('a print callback may dispose the object that is running', () => {
    const m = new Monty('print("a")\nprint("b")\n40 + 2');
    const seen = [];
    const out = m.run({ printCallback: (s, t) => {
      seen.push(t);
      m.dispose();
    } });
    expect(out).toBe(42);
    expect(seen).toEqual(['a\n', 'b\n']);
    expect(() => m.run()).toThrow('this Monty was disposed');
    const repl = new MontyRepl({ printCallback: () => repl.dispose() });
    expect(repl.feed('print(1)\n2')).toBe(2);
    expect(() => repl.feed('3')).toThrow('this REPL session was disposed');
  });
});
