#!/usr/bin/env bash
# The package on Node 18, the oldest Node it supports (the rest of the tests
# run on the machine's Node): ESM and CommonJS entries, MontyRepl, snapshots,
# runAsync and the npx CLI, with the Node 18 binary from npm (pinned in this
# folder's package-lock.json).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dist="$here/../../../npm-package"
npm ci --prefix "$here" --no-audit --no-fund >/dev/null
node18="$here/node_modules/.bin/node"
echo "node18: $("$node18" --version)"

"$node18" --input-type=module -e "
  import assert from 'node:assert/strict';
  import { loadMonty, Monty, MontyRepl, MontySnapshot } from '$dist/dist/index.mjs';
  await loadMonty();
  assert.equal(new Monty('x + 1', { inputs: ['x'] }).run({ inputs: { x: 41 } }), 42);
  const r = new MontyRepl({ printCallback: null });
  r.feed('a = 2');
  assert.equal(MontyRepl.load(r.dump()).feed('a * 21'), 42);
  const p = new Monty('f(1) + 1', { externalFunctions: ['f'] }).start();
  assert.equal(MontySnapshot.load(p.dump()).resume(41).output, 42);
  const g = new Monty('g()', { externalFunctions: ['g'] });
  assert.equal(await g.runAsync({ externalFunctions: { g: async () => 'ok' } }), 'ok');
  console.log('node18 esm ok');
"
"$node18" -e "
  const assert = require('node:assert/strict');
  const { loadMonty, Monty } = require('$dist/dist/index.cjs');
  loadMonty().then(() => {
    assert.equal(new Monty('2 ** 64').run(), 18446744073709551616n);
    console.log('node18 cjs ok');
  });
"
out="$(echo 'print(sum(range(10)))' | "$node18" "$dist/bin/monty-wasm.js" -)"
[[ "$out" == "45" ]] || { echo "node18 cli: got '$out'" >&2; exit 1; }
echo "node18 cli ok"
