// Snapshots travel between the native CLI (core compiled natively) and the
// npm package (core compiled to wasm): a run paused natively resumes in the
// package and the other way round, with the same output. The native CLI is
// the one scripts/build.sh made ($MONTY_BUILD_DIR, default build/).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadMonty, Monty, MontySnapshot, MontyComplete } = require('../../npm-package/dist/index.cjs');

const root = path.resolve(__dirname, '../..');
const native = path.resolve(root, process.env.MONTY_BUILD_DIR || 'build', 'cli', 'monty');
let dir;

beforeAll(async () => {
  await loadMonty();
  if (!fs.existsSync(native)) throw new Error(`native CLI not found at ${native} (build it with scripts/build.sh)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monty-interop-'));
});
afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

const program = `
def scaled(items, factor):
    out = []
    for i, item in enumerate(items):
        try:
            out.append(fetch(item, attempt=i) * factor)
        finally:
            print('fetched', item)
    return out

data = {'k': (1, 2.5, None, 'x' * 3, b'raw', 10**30)}
result = scaled(['a', 'b', 'c'], 2)
print(result, data)
result
`;

// Runs the native CLI; exit status 3 means paused, 0 complete. Returns
// what the program printed and the JSON status line after it.
function monty(args, expectedStatus) {
  const r = spawnSync(native, args);
  expect(r.stderr.toString()).toBe('');
  expect(r.status).toBe(expectedStatus);
  const lines = r.stdout.toString().trimEnd().split('\n');
  return { printed: lines.slice(0, -1).join('\n'), status: JSON.parse(lines[lines.length - 1]) };
}

function nativeStart(file, snapshot) {
  return monty(['start', file, '--extern', 'fetch', '--snapshot', snapshot], 3);
}

test('a run paused by the native CLI resumes in the package', () => {
  const file = path.join(dir, 'prog.py');
  fs.writeFileSync(file, program);
  const snapshotFile = path.join(dir, 'native.bin');
  const { status } = nativeStart(file, snapshotFile);
  expect(status).toEqual({ kind: 'call', function: 'fetch', args: ['a'], kwargs: { attempt: 0 }, call_id: status.call_id });

  const printed = [];
  let p = MontySnapshot.load(new Uint8Array(fs.readFileSync(snapshotFile)), {
    printCallback: (stream, text) => printed.push(text),
  });
  const seen = [];
  while (p instanceof MontySnapshot) {
    seen.push([p.functionName, p.args, p.kwargs]);
    p.printCallback = (stream, text) => printed.push(text);
    p = p.resume(p.args[0].charCodeAt(0));
  }
  expect(p).toBeInstanceOf(MontyComplete);
  expect(seen).toEqual([
    ['fetch', ['a'], { attempt: 0 }],
    ['fetch', ['b'], { attempt: 1 }],
    ['fetch', ['c'], { attempt: 2 }],
  ]);
  expect(p.output).toEqual([194, 196, 198]);
  expect(printed.join('')).toBe(
    "fetched a\nfetched b\nfetched c\n[194, 196, 198] {'k': (1, 2.5, None, 'xxx', b'raw', 1000000000000000000000000000000)}\n",
  );
});

test('a run paused in the package resumes in the native CLI', () => {
  const m = new Monty(program, { externalFunctions: ['fetch'], scriptName: 'prog.py' });
  let p = m.start({ printCallback: null });
  p = p.resume(97); // fetch('a') answered in the package; 'b' is pending
  expect(p.args).toEqual(['b']);
  let snapshotFile = path.join(dir, 'wasm.bin');
  fs.writeFileSync(snapshotFile, p.dump());

  let r = monty(['resume', snapshotFile, '--value', '98', '--snapshot', path.join(dir, 'next.bin')], 3);
  expect(r.printed).toBe('fetched b');
  expect(r.status).toMatchObject({ kind: 'call', function: 'fetch', args: ['c'], kwargs: { attempt: 2 } });

  r = monty(['resume', path.join(dir, 'next.bin'), '--value', '99'], 0);
  expect(r.printed).toBe(
    "fetched c\n[194, 196, 198] {'k': (1, 2.5, None, 'xxx', b'raw', 1000000000000000000000000000000)}",
  );
  expect(r.status).toEqual({ kind: 'complete', value: [194, 196, 198] });
});

test('native and package dumps of the same paused state are the same bytes', () => {
  const file = path.join(dir, 'same.py');
  fs.writeFileSync(file, program);
  const snapshotFile = path.join(dir, 'same.bin');
  nativeStart(file, snapshotFile);
  const p = new Monty(program, { externalFunctions: ['fetch'], scriptName: file }).start({ printCallback: null });
  expect(Buffer.from(p.dump()).equals(fs.readFileSync(snapshotFile))).toBe(true);
});

test('REPL sessions travel: native `monty repl --session` <-> MontyRepl', () => {
  const { MontyRepl } = require('../../npm-package/dist/index.cjs');
  const session = path.join(dir, 'session.bin');
  const repl = (code) => {
    const r = spawnSync(native, ['repl', '--session', session, '-c', code]);
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    return r.stdout.toString();
  };
  expect(repl('names = ["ada"]\ndef greet(i):\n    return "hi " + names[i]')).toBe('');

  const printed = [];
  const js = MontyRepl.load(new Uint8Array(fs.readFileSync(session)), { printCallback: (s, t) => printed.push(t) });
  expect(js.feed('greet(0)')).toBe('hi ada');
  js.feed('names.append("grace")\nprint(len(names))');
  expect(printed.join('')).toBe('2\n');
  fs.writeFileSync(session, js.dump());

  expect(repl('greet(1)')).toBe("'hi grace'\n");
  expect(repl('print(names)')).toBe("['ada', 'grace']\n");
});
