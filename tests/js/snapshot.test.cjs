// dump()/load() of programs and paused runs, including in a fresh process
// and between the native library and the package.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const {
  loadMonty, Monty, MontySnapshot, MontyComplete, MontyLoadError, MontySnapshotConsumedError,
} = require('../../npm-package/dist/index.cjs');

const entry = path.resolve(__dirname, '../../npm-package/dist/index.cjs');
beforeAll(() => loadMonty());

test('a program dumps and loads without re-parsing', () => {
  const bytes = new Monty('x + 1', { inputs: ['x'] }).dump();
  expect(bytes).toBeInstanceOf(Uint8Array);
  const m = Monty.load(bytes);
  expect(m.inputs).toEqual(['x']);
  expect(m.run({ inputs: { x: 41 } })).toBe(42);
});

test('a paused run dumps, loads and resumes (and the original still resumes once)', () => {
  const p = new Monty('a = 10\nb = fetch(url)\na + len(b)', { inputs: ['url'], externalFunctions: ['fetch'] })
    .start({ inputs: { url: 'u' } });
  const state = p.dump();
  const copy = MontySnapshot.load(state);
  expect(copy.functionName).toBe('fetch');
  expect(copy.args).toEqual(['u']);
  expect(copy.resume('abc').output).toBe(13);
  expect(p.resume('abcd').output).toBe(14);
  expect(() => p.dump()).toThrow(MontySnapshotConsumedError);
  expect(MontySnapshot.load(state).resume('').output).toBe(10);
});

test('a snapshot resumes in a fresh process', () => {
  const p = new Monty('total = 0\nfor i in range(3):\n    total += get(i)\ntotal', { externalFunctions: ['get'] }).start();
  const state = Buffer.from(p.dump()).toString('base64');
  const script = `
    const { loadMonty, MontySnapshot } = require(${JSON.stringify(entry)});
    loadMonty().then(() => {
      let p = MontySnapshot.load(new Uint8Array(Buffer.from(process.argv[1], 'base64')));
      while (p instanceof MontySnapshot) p = p.resume(p.args[0] * 100);
      console.log(p.output);
    });`;
  expect(execFileSync(process.execPath, ['-e', script, state]).toString().trim()).toBe('300');
});

test('invalid dumps are MontyLoadError, never a crash', () => {
  const good = new Monty('x = [1, 2]\nx').dump();
  const bad = [new Uint8Array(), new Uint8Array([1, 2, 3]), good.slice(0, good.length >> 1)];
  for (let i = 0; i < 200; i++) {
    const b = good.slice();
    b[(i * 7919) % b.length] ^= 1 + (i % 255);
    bad.push(b);
  }
  for (const b of bad) {
    for (const load of [() => Monty.load(b).run(), () => MontySnapshot.load(b)]) {
      try {
        load();
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
        expect(e.constructor.name).toMatch(/^Monty/);
      }
    }
  }
  expect(() => Monty.load(new Uint8Array([0xc0]))).toThrow(MontyLoadError);
  expect(new Monty('1 + 1').run()).toBe(2);
});

test('a snapshot loaded from bytes reports completion types', () => {
  const p = new Monty('f()', { externalFunctions: ['f'] }).start();
  expect(MontySnapshot.load(p.dump()).resume(null)).toBeInstanceOf(MontyComplete);
});
