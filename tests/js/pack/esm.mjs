// Runs from a fresh project that installed the packed tarball (ESM).
import assert from 'node:assert/strict';
import { loadMonty, Monty, MontyRepl, MontySnapshot, MontyRuntimeError, tuple, isTuple } from 'monty-wasm';
import * as inline from 'monty-wasm/inline';

await loadMonty();
const m = new Monty('x + 1', { inputs: ['x'] });
assert.equal(m.run({ inputs: { x: 41 } }), 42);
const p = new Monty('f(1)', { externalFunctions: ['f'] }).start();
assert.ok(p instanceof MontySnapshot);
assert.equal(p.resume(tuple(1, 2)).output.length, 2);
assert.ok(isTuple(new Monty('(1,)').run()));
assert.throws(() => new Monty('1/0').run(), MontyRuntimeError);
assert.equal(await new Monty('g()', { externalFunctions: ['g'] }).runAsync({ externalFunctions: { g: async () => 'ok' } }), 'ok');
const repl = new MontyRepl();
repl.feed('n = 40');
assert.equal(MontyRepl.load(repl.dump()).feed('n + 2'), 42);
await inline.loadMonty();
assert.equal(new inline.Monty('2 ** 10').run(), 1024);
console.log('esm ok');
