import './style.css';
import { EditorView, basicSetup } from 'codemirror';
import { python } from '@codemirror/lang-python';
import { StateEffect, StateField, Prec } from '@codemirror/state';
import { Decoration, keymap } from '@codemirror/view';
import { examples } from './examples.js';
import { hostFunctions } from './hosts.js';

const $ = (id) => document.getElementById(id);
const ui = {
  example: $('example'),
  run: $('run'),
  stop: $('stop'),
  status: $('status'),
  inputs: $('inputs'),
  inputsError: $('inputs-error'),
  memory: $('limit-memory'),
  time: $('limit-time'),
  recursion: $('limit-recursion'),
  hostCard: $('host-card'),
  hostIdle: $('host-idle'),
  hostPending: $('host-pending'),
  pendingCall: $('pending-call'),
  pendingNote: $('pending-note'),
  answerForm: $('answer-form'),
  answer: $('answer'),
  download: $('download'),
  loadFile: $('load-file'),
  snapshotSize: $('snapshot-size'),
  output: $('output'),
  limitBanner: $('limit-banner'),
  clear: $('clear'),
};

// ---- editor ------------------------------------------------------------------

const setFailingLine = StateEffect.define();
const failingLine = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (e.is(setFailingLine)) {
        if (e.value === null) return Decoration.none;
        const line = tr.state.doc.line(Math.min(Math.max(e.value, 1), tr.state.doc.lines));
        return Decoration.set([Decoration.line({ class: 'cm-failing-line' }).range(line.from)]);
      }
    }
    return tr.docChanged ? Decoration.none : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const editor = new EditorView({
  parent: $('editor'),
  extensions: [
    basicSetup,
    python(),
    failingLine,
    Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (run(), true) }])),
    EditorView.updateListener.of((u) => u.docChanged && saveSoon()),
  ],
});

function setCode(code) {
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: code } });
}

function highlightLine(line) {
  const effects = [setFailingLine.of(line)];
  if (line !== null && line >= 1 && line <= editor.state.doc.lines) {
    effects.push(EditorView.scrollIntoView(editor.state.doc.line(line).from, { y: 'center' }));
  }
  editor.dispatch({ effects });
}

// ---- page state (kept in localStorage, so a reload shows the same program) ---

const STORE_KEY = 'monty-playground';
let saveTimer = 0;
function saveSoon() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, 300);
}
function save() {
  const state = {
    example: ui.example.value,
    code: editor.state.doc.toString(),
    inputs: ui.inputs.value,
    limits: [ui.memory.value, ui.time.value, ui.recursion.value],
  };
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(state));
  } catch {
    // storage unavailable: nothing to keep
  }
}

function showExample(id) {
  const ex = examples.find((e) => e.id === id) ?? examples[0];
  ui.example.value = ex.id;
  setCode(ex.code);
  ui.inputs.value = JSON.stringify(ex.inputs, null, 1).replace(/\n\s*/g, ' ');
  highlightLine(null);
  save();
}

for (const ex of examples) ui.example.add(new Option(ex.title, ex.id));
ui.example.addEventListener('change', () => showExample(ui.example.value));
for (const el of [ui.inputs, ui.memory, ui.time, ui.recursion]) el.addEventListener('input', saveSoon);

(function restore() {
  let state = null;
  try {
    state = JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null');
  } catch {
    state = null;
  }
  if (!state) return showExample(examples[0].id);
  ui.example.value = state.example;
  setCode(state.code);
  ui.inputs.value = state.inputs;
  [ui.memory.value, ui.time.value, ui.recursion.value] = state.limits;
})();

// ---- output -------------------------------------------------------------------

const MAX_OUTPUT_CHARS = 200_000;
function append(text, cls) {
  const span = document.createElement('span');
  if (cls) span.className = cls;
  span.textContent = text;
  ui.output.append(span);
  // A runaway printer must not grow the page without bound: drop the oldest text.
  while (ui.output.textContent.length > MAX_OUTPUT_CHARS && ui.output.firstChild) ui.output.firstChild.remove();
  ui.output.scrollTop = ui.output.scrollHeight;
}
const appendLine = (text, cls) => {
  const last = ui.output.lastChild?.textContent ?? '';
  append((last && !last.endsWith('\n') ? '\n' : '') + text + '\n', cls);
};
function clearOutput() {
  ui.output.textContent = '';
  ui.limitBanner.hidden = true;
  ui.limitBanner.textContent = '';
}
ui.clear.addEventListener('click', clearOutput);

function shorten(text, max = 120) {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

function formatSize(n) {
  return n < 1024 ? `${n} bytes` : `${(n / 1024).toFixed(1)} KB (${n} bytes)`;
}

// ---- state machine ------------------------------------------------------------

// loading → idle → running ⇄ paused → done | error | stopped (→ running ...)
let state = 'loading';
let workerReady = false;
function setState(next, label) {
  state = next;
  document.body.dataset.state = next;
  const labels = {
    loading: 'Loading the interpreter…',
    idle: 'Ready',
    running: 'Running…',
    paused: 'Paused at a host call',
    done: 'Finished',
    error: 'Error',
    stopped: 'Stopped',
  };
  ui.status.textContent = label ?? labels[next];
  const busy = next === 'running' || next === 'paused';
  ui.run.disabled = !workerReady || busy;
  ui.stop.disabled = !busy;
  ui.loadFile.disabled = !workerReady;
  ui.download.disabled = next !== 'paused' || !pendingSnapshot;
  if (next !== 'paused') showPending(null);
}

// ---- the worker ----------------------------------------------------------------

let worker = null;
let runToken = 0; // bumps on each run / stop: late answers to old calls are dropped
let pendingSnapshot = null;

function startWorker() {
  workerReady = false;
  const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  w.onmessage = (event) => {
    if (w === worker) onWorkerMessage(event.data);
  };
  w.onerror = (event) => {
    if (w !== worker) return;
    appendLine(`Worker error: ${event.message}`, 'out-error');
    setState('error');
  };
  worker = w;
}

function onWorkerMessage(msg) {
  switch (msg.type) {
    case 'ready':
      workerReady = true;
      setState(state === 'loading' ? 'idle' : state, state === 'loading' ? undefined : ui.status.textContent);
      break;
    case 'fatal':
      appendLine(`Could not load the interpreter: ${msg.message}`, 'out-error');
      setState('error', 'Interpreter failed to load');
      break;
    case 'print':
      append(msg.text);
      break;
    case 'paused':
      onPaused(msg);
      break;
    case 'waiting':
      // asyncio's loop waits for deferred host calls (still in flight).
      setState('running', `Waiting for ${msg.waiting.length} host call${msg.waiting.length === 1 ? '' : 's'}…`);
      break;
    case 'done':
      if (msg.output !== null) appendLine(`→ ${msg.output}`, 'out-result');
      setState('done');
      break;
    case 'stopped':
      appendLine('Stopped.', 'out-note');
      setState('stopped');
      break;
    case 'error':
      onError(msg);
      break;
  }
}

function onPaused(msg) {
  pendingSnapshot = msg.snapshot;
  const kw = Object.entries(msg.kwargs ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  const call = `${msg.functionName}(${[...msg.argsRepr, ...kw].join(', ')})`;
  ui.snapshotSize.textContent = `snapshot: ${formatSize(msg.snapshot.byteLength)}`;
  setState('paused', `Paused: ${msg.functionName}()`);
  showPending({ call, name: msg.functionName });
  appendLine(`» ${shorten(call)}`, 'out-host');

  const host = hostFunctions[msg.functionName];
  const token = runToken;
  if (!host) {
    resume(token, { error: { type: 'NameError', message: `the page defines no host function ${msg.functionName}` } });
  } else if (host.auto && msg.inEventLoop) {
    // Inside asyncio's loop the call is deferred: the program runs on (and
    // may make more calls) while this one is in flight, as with CPython's
    // coroutines; the answer reaches it when the promise settles.
    worker.postMessage({ type: 'defer' });
    setState('running');
    const settle = (reply) => {
      if (token !== runToken) return;
      if (reply.error) appendLine(`  ↳ ${call} raised ${reply.error.type}: ${reply.error.message}`, 'out-host');
      else appendLine(`  ↳ ${shorten(call)} → ${shorten(JSON.stringify(reply.value) ?? 'None')}`, 'out-host');
      worker.postMessage({ type: 'settle', callId: msg.callId, ...reply });
    };
    Promise.resolve()
      .then(() => host.answer(...msg.args))
      .then(
        (value) => settle({ value }),
        (err) => settle({ error: { type: err.pythonType ?? 'RuntimeError', message: err.message } }),
      );
  } else if (host.auto) {
    Promise.resolve()
      .then(() => host.answer(...msg.args))
      .then(
        // An auto host function answers with a promise: it is async to
        // Python, so inside asyncio's loop its call is awaitable.
        (value) => resume(token, { value, awaitable: true }),
        (err) => resume(token, { error: { type: err.pythonType ?? 'RuntimeError', message: err.message }, awaitable: true }),
      );
  } else {
    ui.answer.value = '';
    ui.answer.focus();
  }
}

function showPending(p) {
  ui.hostCard.dataset.pending = p ? 'call' : 'none';
  ui.hostIdle.hidden = !!p;
  ui.hostPending.hidden = !p;
  ui.answerForm.hidden = true;
  if (!p) return;
  const host = hostFunctions[p.name];
  ui.pendingCall.textContent = p.call;
  ui.pendingNote.textContent = host?.note ?? '';
  ui.answerForm.hidden = !host || host.auto;
  ui.answerForm.dataset.function = p.name;
}

function resume(token, reply) {
  if (token !== runToken || state !== 'paused') return;
  if (reply.error) appendLine(`  ↳ raised ${reply.error.type}: ${reply.error.message}`, 'out-host');
  else appendLine(`  ↳ ${shorten(JSON.stringify(reply.value) ?? 'None')}`, 'out-host');
  pendingSnapshot = null;
  setState('running');
  worker.postMessage({ type: 'resume', ...reply });
}

ui.answerForm.addEventListener('submit', (event) => {
  event.preventDefault();
  resume(runToken, { value: ui.answer.value });
});

const LIMIT_NAMES = {
  memory: 'Memory limit',
  duration: 'Time limit',
  recursion: 'Recursion limit',
  instructions: 'Instruction limit',
  allocations: 'Allocation limit',
};

function onError(msg) {
  if (msg.kind === 'limit') {
    ui.limitBanner.hidden = false;
    ui.limitBanner.dataset.limit = msg.limit;
    ui.limitBanner.textContent = `${LIMIT_NAMES[msg.limit] ?? 'A limit'} hit: ${msg.message}`;
  }
  appendLine(msg.formatted.replace(/\n+$/, ''), 'out-error');
  // The innermost frame of the program itself is the failing line.
  const frames = (msg.traceback ?? []).filter((f) => f.filename === msg.scriptName);
  const failing = frames.at(-1);
  highlightLine(failing ? failing.line : null);
  const label = msg.kind === 'limit' ? `${LIMIT_NAMES[msg.limit] ?? 'Limit'} hit` : msg.errorType;
  setState('error', label);
}

// ---- run / stop / snapshots -------------------------------------------------------

function readInputs() {
  let inputs;
  try {
    inputs = ui.inputs.value.trim() ? JSON.parse(ui.inputs.value) : {};
  } catch (e) {
    ui.inputsError.textContent = `invalid JSON: ${e.message}`;
    return null;
  }
  if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) {
    ui.inputsError.textContent = 'expected a JSON object, e.g. {"x": 1}';
    return null;
  }
  ui.inputsError.textContent = '';
  return inputs;
}

function readLimits() {
  const limits = {};
  const mb = Number(ui.memory.value);
  if (mb > 0) limits.maxMemory = Math.round(mb * 1024 * 1024);
  const seconds = Number(ui.time.value);
  // +0.5 ms: snapshots of runs with a whole-number maxDurationMs currently fail
  // to load (a core bug: the dump writes it as an int, the loader wants a float).
  if (seconds > 0) limits.maxDurationMs = seconds * 1000 + 0.5;
  const depth = Number(ui.recursion.value);
  if (depth >= 1) limits.maxRecursionDepth = Math.round(depth);
  return limits;
}

function run() {
  if (ui.run.disabled) return;
  const inputs = readInputs();
  if (!inputs) {
    ui.inputs.closest('.card').classList.add('invalid');
    return;
  }
  ui.inputs.closest('.card').classList.remove('invalid');
  runToken++;
  clearOutput();
  highlightLine(null);
  pendingSnapshot = null;
  ui.snapshotSize.textContent = '';
  setState('running');
  worker.postMessage({ type: 'run', code: editor.state.doc.toString(), inputs, limits: readLimits() });
}

function stop() {
  if (state !== 'running' && state !== 'paused') return;
  runToken++;
  // A runaway program never returns to the worker's event loop between two
  // slices fast enough to be trusted: end the worker at once, start a fresh one.
  worker.terminate();
  startWorker();
  pendingSnapshot = null;
  appendLine('Stopped.', 'out-note');
  setState('stopped');
}

ui.run.addEventListener('click', run);
ui.stop.addEventListener('click', stop);

ui.download.addEventListener('click', () => {
  if (!pendingSnapshot) return;
  const blob = new Blob([pendingSnapshot], { type: 'application/octet-stream' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `monty-snapshot-${ui.example.value}.msgpack`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  appendLine(`Snapshot saved (${formatSize(pendingSnapshot.byteLength)}): reload the page, then "Load snapshot" to resume.`, 'out-note');
});

ui.loadFile.addEventListener('change', async () => {
  const file = ui.loadFile.files[0];
  ui.loadFile.value = '';
  if (!file || !workerReady) return;
  if (state === 'running' || state === 'paused') stop();
  const bytes = await file.arrayBuffer();
  runToken++;
  clearOutput();
  highlightLine(null);
  ui.snapshotSize.textContent = `snapshot: ${formatSize(bytes.byteLength)}`;
  appendLine(`Resuming from ${file.name} (${formatSize(bytes.byteLength)})`, 'out-note');
  setState('running', 'Loading snapshot…');
  const send = () => worker.postMessage({ type: 'load', bytes }, [bytes]);
  if (workerReady) send();
  else {
    // stop() above replaced the worker: wait until the new one has loaded.
    const w = worker;
    const wait = () => (workerReady && w === worker ? send() : setTimeout(wait, 20));
    wait();
  }
});

setState('loading');
startWorker();
