// Smoke test of the published artifact: `npm pack`s npm-package/, installs
// the tarball into fresh temporary projects (no network: the package has no
// dependencies) and uses it from Node ESM, CommonJS, TypeScript (tsc --noEmit
// with type tests) and a Vite production build; and checks the exports map.
//
//   node tests/js/pack_smoke.mjs      (after scripts/build_npm.sh)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const here = path.join(root, 'tests', 'js', 'pack');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'monty-pack-'));
const run = (cmd, args, cwd) => {
  try {
    return execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
  } catch (e) {
    // Show what the failing command printed (tsc reports on stdout).
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed:\n${e.stdout ?? ''}`);
  }
};

try {
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tmp], path.join(root, 'npm-package')));
  const tarball = path.join(tmp, packed[0].filename);
  const files = packed[0].files.map((f) => f.path);
  for (const want of ['dist/index.mjs', 'dist/index.cjs', 'dist/monty.wasm', 'dist/types/index.d.ts', 'bin/monty-wasm.js', 'README.md']) {
    if (!files.includes(want)) throw new Error(`tarball lacks ${want}`);
  }
  console.log(`pack: ${packed[0].filename}, ${packed[0].size} bytes packed, ${files.length} files`);

  // Every condition of the exports map must be reachable: resolvers take the
  // first matching key, and every one of them sets "import" or "require", so
  // a key after both (or after "default") is dead, as "browser" once was.
  const unreachable = [];
  const checkConditions = (where, value) => {
    if (typeof value !== 'object' || value === null) return;
    const seen = new Set();
    for (const [key, inner] of Object.entries(value)) {
      // ("default" last stays, as the fallback of resolvers that set neither.)
      const dead = seen.has('default') || (key !== 'default' && seen.has('import') && seen.has('require'));
      if (dead) unreachable.push(`${where} -> ${key}`);
      seen.add(key);
      checkConditions(`${where} -> ${key}`, inner);
    }
  };
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'npm-package', 'package.json'), 'utf8'));
  for (const [subpath, value] of Object.entries(manifest.exports)) checkConditions(subpath, value);
  if (unreachable.length) throw new Error(`exports conditions that can never match: ${unreachable.join(', ')}`);
  console.log('exports map ok');

  const project = (name) => {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], dir);
    return dir;
  };

  const node = project('node-app');
  for (const f of ['esm.mjs', 'cjs.cjs']) {
    fs.copyFileSync(path.join(here, f), path.join(node, f));
    process.stdout.write(run(process.execPath, [f], node));
  }
  // The CLI as npx runs it.
  fs.writeFileSync(path.join(node, 'p.py'), 'print(n * 2)\n');
  const cli = run('npx', ['--offline', 'monty-wasm', 'p.py', '--input', 'n=21'], node);
  if (cli !== '42\n') throw new Error(`npx monty-wasm printed ${JSON.stringify(cli)}`);
  console.log('npx ok');

  for (const f of ['types.mts', 'types.cts', 'tsconfig.json']) fs.copyFileSync(path.join(here, f), path.join(node, f));
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', node], node);
  console.log('typescript ok');

  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (fs.existsSync(vite)) {
    const web = project('vite-app');
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n');
    fs.copyFileSync(path.join(here, 'vite-main.js'), path.join(web, 'main.js'));
    fs.writeFileSync(path.join(web, 'vite.config.mjs'), "export default { build: { target: 'es2022' }, logLevel: 'warn' };\n");
    run(process.execPath, [vite, 'build'], web);
    const assets = fs.readdirSync(path.join(web, 'dist', 'assets'));
    const wasm = assets.find((f) => f.endsWith('.wasm'));
    const js = assets.find((f) => f.endsWith('.js'));
    if (!wasm || !js) throw new Error(`vite build emitted ${assets.join(', ')}`);
    if (!fs.readFileSync(path.join(web, 'dist', 'assets', js), 'utf8').includes(wasm)) {
      throw new Error('the Vite bundle does not reference the emitted .wasm');
    }
    console.log(`vite ok (${wasm})`);

  } else {
    console.log('vite: not installed, skipped');
  }
  console.log('pack_smoke: all ok');
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
