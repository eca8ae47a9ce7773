// Browser tests of the playground (demo/): builds it with Vite, serves the
// static site on 127.0.0.1, drives Debian's Chromium headless through
// playwright-core and checks every example, a pause and resume, a snapshot
// download + reload + resume, Stop, tracebacks and limits. Screenshots go to
// tests/browser/artifacts/.
//
//   node --test tests/browser/playground.test.mjs
//
// Needs npm-package/dist (bash scripts/build_npm.sh) and /usr/bin/chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const distDir = join(repo, 'demo', 'dist');
const artifacts = join(repo, 'tests', 'browser', 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let server;
let baseUrl;
let profileDir;
let context;
let page;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

function serve(root) {
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    let body;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  });
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  await build({ configFile: join(repo, 'demo', 'vite.config.mjs'), logLevel: 'warn' });
  server = serve(distDir);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
  profileDir = mkdtempSync(join(tmpdir(), 'monty-playground-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(baseUrl);
  await waitForState(['idle']);
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

// ---- helpers -------------------------------------------------------------------

async function waitForState(states, timeout = 15_000) {
  await page.waitForFunction((s) => s.includes(document.body.dataset.state), states, { timeout });
  return page.evaluate(() => document.body.dataset.state);
}

/** Waits until the run is paused at a call of `fn` (with the Run button logic settled). */
async function waitForPause(text) {
  await page.waitForFunction(
    (t) => document.body.dataset.state === 'paused' && document.getElementById('pending-call').textContent.includes(t),
    text,
    { timeout: 15_000 },
  );
}

async function choose(example) {
  await page.selectOption('#example', example);
}

async function runExample(example, endStates = ['done', 'error']) {
  await choose(example);
  await page.click('#run');
  return waitForState(endStates);
}

const output = () => page.textContent('#output');
const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`) });
const failingLine = () => page.locator('.cm-failing-line').textContent();

// ---- tests ------------------------------------------------------------------------

test('page loads the interpreter in a worker and shows the editor', async () => {
  assert.equal(await page.textContent('#status'), 'Ready');
  assert.equal(await page.locator('.cm-editor').count(), 1);
  // Python highlighting: the editor has styled tokens.
  assert.ok((await page.locator('.cm-content span[class]').count()) > 5);
  const options = await page.locator('#example option').count();
  assert.ok(options >= 6, `${options} examples`);
  await shot('01-loaded');
});

test('fib example prints and returns a big int', async () => {
  assert.equal(await runExample('fib'), 'done');
  const out = await output();
  assert.match(out, /fib\(11\) = 89\n/);
  assert.match(out, /→ 354224848179261915075/);
  await shot('02-fib');
});

test('inputs pane feeds the program', async () => {
  await choose('fib');
  await page.fill('#inputs', '{"count": 3}');
  await page.click('#run');
  assert.equal(await waitForState(['done', 'error']), 'done');
  const out = await output();
  assert.match(out, /fib\(2\) = 1\n/);
  assert.doesNotMatch(out, /fib\(3\)/);
  await page.fill('#inputs', '{"count": ');
  await page.click('#run');
  assert.match(await page.textContent('#inputs-error'), /invalid JSON/);
});

test('string processing example', async () => {
  assert.equal(await runExample('strings'), 'done');
  const out = await output();
  assert.match(out, /the {4}#### 4/);
  assert.match(out, /longest word: SLEEPS 6/);
  assert.match(out, /→ 'brown-dog-fox-jumps-lazy-over-quick-runs'/);
});

test('asyncio example: awaited host calls inside gathered tasks', async () => {
  assert.equal(await runExample('asyncio'), 'done');
  const out = await output();
  assert.match(out, /Ada {4}spent 42\nGrace  spent 99\nLinus  spent 0/);
  assert.match(out, /→ \{'Ada': 42, 'Grace': 99, 'Linus': 0\}/);
  // The gathered calls are deferred: all three are in flight before the first answer.
  assert.match(out, /» fetch_json\('[^']*orders\?user=1'\)\n» fetch_json\('[^']*orders\?user=2'\)\n» fetch_json\('[^']*orders\?user=3'\)\n {2}↳/);
});

test('host function fetch_json: the page shows each pending call, then resumes', async () => {
  await choose('host');
  await page.click('#run');
  await waitForPause("fetch_json('https://api.example.com/users')");
  assert.equal(await page.getAttribute('#host-card', 'data-pending'), 'call');
  assert.equal(await page.isVisible('#answer'), false, 'fetch_json is answered by the page, not the person');
  assert.match(await page.textContent('#snapshot-size'), /\d+ bytes/);
  await shot('03-fetch-json-paused');
  await waitForPause("fetch_json('https://api.example.com/orders?user=1')");
  assert.equal(await waitForState(['done', 'error']), 'done');
  const out = await output();
  assert.match(out, /3 users\n/);
  assert.match(out, /Ada: 2 orders, 42 spent/);
  assert.match(out, /Grace: 1 orders, 99 spent/);
  assert.match(out, /→ \{'users': 3, 'total': 141\}/);
  await shot('04-fetch-json-done');
});

test('host function ask: paused until the person answers in the page', async () => {
  await choose('ask');
  await page.click('#run');
  await waitForPause("ask('What is your name?')");
  assert.ok(await page.isVisible('#answer'));
  await page.fill('#answer', 'Ada');
  await shot('05-ask-paused');
  await page.click('#answer-btn');
  await waitForPause("ask('Hello Ada! How many squares shall I print?')");
  await page.fill('#answer', '3');
  await page.press('#answer', 'Enter');
  assert.equal(await waitForState(['done', 'error']), 'done');
  const out = await output();
  assert.match(out, /3 squared is 9/);
  assert.match(out, /→ 'Bye, Ada!'/);
});

test('snapshot: download while paused, reload the page, load the file, resume', async () => {
  await choose('ask');
  await page.click('#run');
  await waitForPause("ask('What is your name?')");
  await page.fill('#answer', 'Grace');
  await page.click('#answer-btn');
  await waitForPause('How many squares');
  const sizeText = await page.textContent('#snapshot-size');
  const reported = Number(/\((\d+) bytes\)|(\d+) bytes/.exec(sizeText).slice(1).find(Boolean));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const file = join(artifacts, 'snapshot.msgpack');
  await download.saveAs(file);
  assert.equal(statSync(file).size, reported, `file size vs "${sizeText}"`);
  assert.match(download.suggestedFilename(), /\.msgpack$/);

  await page.reload();
  assert.equal(await waitForState(['idle']), 'idle');
  assert.equal(await output(), '');
  await page.setInputFiles('#load-file', file);
  await waitForPause("ask('Hello Grace! How many squares shall I print?')");
  await shot('06-snapshot-loaded');
  await page.fill('#answer', '2');
  await page.click('#answer-btn');
  assert.equal(await waitForState(['done', 'error']), 'done');
  const out = await output();
  assert.match(out, /2 squared is 4/);
  assert.doesNotMatch(out, /3 squared/);
  assert.match(out, /→ 'Bye, Grace!'/);
  await shot('07-snapshot-resumed');
});

test('snapshot: bytes dumped by the package in Node resume in the browser', async () => {
  // Paused here, in this Node process, with the package the page also uses.
  // (examples.js is an ES module in a package without "type": "module": read as .mjs.)
  const examplesFile = join(profileDir, 'examples.mjs');
  writeFileSync(examplesFile, readFileSync(join(repo, 'demo', 'src', 'examples.js')));
  const { examples } = await import(examplesFile);
  const { loadMonty, Monty } = await import(join(repo, 'npm-package', 'dist', 'index.mjs'));
  await loadMonty();
  const ask = examples.find((e) => e.id === 'ask');
  let paused = new Monty(ask.code, { externalFunctions: ['ask', 'fetch_json'], scriptName: 'main.py' }).start({
    printCallback: null,
  });
  paused = paused.resume('Node');
  assert.equal(paused.args[0], 'Hello Node! How many squares shall I print?');
  const file = join(artifacts, 'node-snapshot.msgpack');
  writeFileSync(file, paused.dump());

  await page.reload();
  assert.equal(await waitForState(['idle']), 'idle');
  await page.setInputFiles('#load-file', file);
  await waitForPause("ask('Hello Node! How many squares shall I print?')");
  await page.fill('#answer', '3');
  await page.click('#answer-btn');
  assert.equal(await waitForState(['done', 'error']), 'done');
  const out = await output();
  assert.match(out, /1 squared is 1\n2 squared is 4\n3 squared is 9/);
  assert.match(out, /→ 'Bye, Node!'/);
});

test('Stop ends the infinite loop at once and the page stays usable', async () => {
  await choose('loop');
  await page.click('#run');
  await page.waitForFunction(() => document.getElementById('output').textContent.includes('still running'), null, {
    timeout: 15_000,
  });
  // The page answers while the program runs (it runs in a worker).
  const t0 = Date.now();
  assert.equal(await page.evaluate(() => 6 * 7), 42);
  assert.ok(Date.now() - t0 < 500);
  await shot('08-infinite-loop-running');
  const started = Date.now();
  await page.click('#stop');
  await waitForState(['stopped'], 1000);
  await page.waitForFunction(() => !document.getElementById('run').disabled, null, { timeout: 1000 });
  const took = Date.now() - started;
  assert.ok(took < 1000, `stop took ${took} ms`);
  const before = await output();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await output(), before, 'no output after Stop');
  await shot('09-stopped');
  // The fresh worker runs the next program.
  assert.equal(await runExample('fib'), 'done');
});

test('time limit: the infinite loop hits it and the page says which limit', async () => {
  await choose('loop');
  await page.fill('#limit-time', '0.5');
  await page.click('#run');
  assert.equal(await waitForState(['error', 'done']), 'error');
  assert.equal(await page.getAttribute('#limit-banner', 'data-limit'), 'duration');
  assert.match(await page.textContent('#limit-banner'), /Time limit hit/);
  assert.match(await output(), /TimeoutError/);
  await page.fill('#limit-time', '10');
});

test('syntax error: traceback shown, failing line highlighted', async () => {
  assert.equal(await runExample('syntax'), 'error');
  const out = await output();
  assert.match(out, /File "main\.py", line 5\n/);
  assert.match(out, /SyntaxError: '\(' was never closed/);
  assert.equal(await failingLine(), 'print(greet("world")');
  assert.equal(await page.textContent('#status'), 'SyntaxError');
  await shot('10-syntax-error');
});

test('runtime error: CPython traceback, innermost line highlighted', async () => {
  assert.equal(await runExample('runtime'), 'error');
  const out = await output();
  assert.match(out, /apple \+ pear = 8\n/);
  assert.match(
    out,
    /Traceback \(most recent call last\):\n {2}File "main\.py", line 9, in <module>\n[\s\S]*File "main\.py", line 3, in price_of\n {4}return prices\[item\]\n {11}~{6}\^{6}\nKeyError: 'kiwi'/,
  );
  assert.equal((await failingLine()).trim(), 'return prices[item]');
  await shot('11-runtime-error');
  // Editing the code clears the highlight.
  await page.click('.cm-content');
  await page.keyboard.type('#');
  assert.equal(await page.locator('.cm-failing-line').count(), 0);
});

test('memory bomb: stopped by the memory limit', async () => {
  await page.fill('#limit-memory', '16');
  assert.equal(await runExample('memory'), 'error');
  assert.equal(await page.getAttribute('#limit-banner', 'data-limit'), 'memory');
  assert.match(await page.textContent('#limit-banner'), /Memory limit hit: memory limit exceeded: \d+ bytes > 16777216 bytes/);
  assert.match(await output(), /MemoryError/);
  assert.equal((await failingLine()).trim(), 's = s + s');
  await shot('12-memory-limit');
  await page.fill('#limit-memory', '32');
});

test('deep recursion: stopped by the recursion limit', async () => {
  assert.equal(await runExample('recursion'), 'error');
  assert.equal(await page.getAttribute('#limit-banner', 'data-limit'), 'recursion');
  assert.match(await page.textContent('#limit-banner'), /Recursion limit hit/);
  const out = await output();
  assert.match(out, /^50\n/);
  assert.match(out, /RecursionError: maximum recursion depth exceeded/);
});
