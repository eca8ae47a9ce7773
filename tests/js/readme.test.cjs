// Every ```js example of npm-package/README.md runs, and what it prints must
// equal its `//> ` comment lines (the seed README's convention).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const pkgDir = path.resolve(__dirname, '../../npm-package');
const readme = fs.readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

let dir;
beforeAll(() => {
  // A project where `import 'monty-wasm'` resolves to npm-package/.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monty-readme-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(pkgDir, path.join(dir, 'node_modules', 'monty-wasm'), 'dir');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the README has examples', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(5);
});

test.each(blocks.map((code, i) => [i + 1, code]))('README example %i', (i, code) => {
  const file = path.join(dir, `example${i}.mjs`);
  fs.writeFileSync(file, code);
  const expected = code
    .split('\n')
    .filter((l) => l.startsWith('//> '))
    .map((l) => l.slice(4) + '\n')
    .join('');
  expect(execFileSync(process.execPath, [file], { cwd: dir }).toString()).toBe(expected);
});
