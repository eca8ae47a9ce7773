// The package in a browser without a bundler: a static page with a plain
// <script type="module"> importing npm-package/dist/index.mjs (the wasm found
// next to it through import.meta.url) and the single-file inline entry.
// Also resumes, in the page, a snapshot dumped here in Node.
//
//   node --test tests/browser/plain_module.test.mjs
//
// Needs npm-package/dist (bash scripts/build_npm.sh) and /usr/bin/chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };

let site;
let server;
let browser;
let page;
let baseUrl;
let snapshotBase64;

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>monty-wasm plain module</title>
<script type="module">
  import { loadMonty, Monty, MontyRepl, MontySnapshot, MontyRuntimeError } from './monty-wasm/index.mjs';
  import * as inline from './monty-wasm/inline.mjs';
  const results = {};
  try {
    await loadMonty();
    results.run = new Monty('sum(x * x for x in range(n))', { inputs: ['n'] }).run({ inputs: { n: 10 } });
    const printed = [];
    const repl = new MontyRepl({ printCallback: (s, t) => printed.push(t) });
    repl.feed('def greet(who):\\n    print("hi", who)\\n    return len(who)');
    results.repl = repl.feed('greet("browser")');
    results.printed = printed.join('');
    try {
      new Monty('[][1]').run();
    } catch (e) {
      results.error = [e instanceof MontyRuntimeError, e.type, e.formatted];
    }
    const bytes = Uint8Array.from(atob(window.NODE_SNAPSHOT), (c) => c.charCodeAt(0));
    const paused = MontySnapshot.load(bytes);
    results.pending = [paused.functionName, paused.args];
    results.resumed = paused.resume(7).output;
    await inline.loadMonty();
    results.inline = new inline.Monty('2 ** 100').run().toString();
  } catch (e) {
    results.failure = String(e && e.stack || e);
  }
  window.results = results;
</script>`;

before(async () => {
  // A paused run dumped by the package in Node, resumed by the page.
  const { loadMonty, Monty } = await import(join(repo, 'npm-package', 'dist', 'index.mjs'));
  await loadMonty();
  const paused = new Monty('a = 6\nb = ask("how many?")\na * b', { externalFunctions: ['ask'] }).start();
  snapshotBase64 = Buffer.from(paused.dump()).toString('base64');

  site = mkdtempSync(join(tmpdir(), 'monty-plain-'));
  cpSync(join(repo, 'npm-package', 'dist'), join(site, 'monty-wasm'), { recursive: true });
  writeFileSync(
    join(site, 'index.html'),
    PAGE.replace('<script type="module">', `<script>window.NODE_SNAPSHOT = ${JSON.stringify(snapshotBase64)};</script>\n<script type="module">`),
  );
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(site, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(site + sep)) return res.writeHead(403).end();
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return res.writeHead(404).end('not found');
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (site) rmSync(site, { recursive: true, force: true });
});

test('plain <script type="module">: run, REPL, errors, a Node snapshot, the inline entry', async () => {
  await page.goto(baseUrl);
  await page.waitForFunction(() => window.results !== undefined, null, { timeout: 20_000 });
  const r = await page.evaluate(() => window.results);
  assert.equal(r.failure, undefined);
  assert.equal(r.run, 285);
  assert.equal(r.repl, 7);
  assert.equal(r.printed, 'hi browser\n');
  assert.deepEqual(r.error, [
    true,
    'IndexError',
    'Traceback (most recent call last):\n  File "main.py", line 1, in <module>\n    [][1]\n    ~~^^^\nIndexError: list index out of range\n',
  ]);
  assert.deepEqual(r.pending, ['ask', ['how many?']]);
  assert.equal(r.resumed, 42);
  assert.equal(r.inline, '1267650600228229401496703205376');
});
