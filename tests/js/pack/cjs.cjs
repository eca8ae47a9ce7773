// Runs from a fresh project that installed the packed tarball (CommonJS).
const assert = require('node:assert/strict');
const { loadMonty, Monty, MontySyntaxError } = require('monty-wasm');
const inline = require('monty-wasm/inline');

(async () => {
  await loadMonty();
  assert.equal(new Monty('sum(range(x))', { inputs: ['x'] }).run({ inputs: { x: 10 } }), 45);
  assert.throws(() => new Monty('def ('), MontySyntaxError);
  await inline.loadMonty();
  assert.equal(new inline.Monty('"a" * 3').run(), 'aaa');
  console.log('cjs ok');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
