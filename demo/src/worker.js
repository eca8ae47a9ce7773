// The interpreter runs here, in a Web Worker, so the page never freezes.
// The run advances in time slices (limits.pauseEveryInstructions): between
// slices the worker returns to its event loop, flushes printed output to the
// page and can receive messages. A call to a host function pauses the run;
// the page answers it (now or much later) with a 'resume' message, or, for
// a call inside asyncio's event loop, with 'defer' (the run goes on while
// the page works) and later 'settle' — so gathered calls are in flight
// together. When every task waits for such calls, the run waits here until
// the page settles one (or the loop's next timer is due).
import {
  loadMonty,
  Monty,
  MontySnapshot,
  MontyComplete,
  MontyError,
  MontyRuntimeError,
  MontySyntaxError,
  MontyLimitError,
  MontyHostError,
} from 'monty-wasm';
import { pyRepr } from './repr.js';

// WORKAROUND (remove once the core is fixed): snapshots store the run's time
// spent as a double, but msgpack-cxx packs integral doubles as integers and
// the snapshot reader then rejects them ("time spent: expected a float").
// Browsers round performance.now() to 0.1 ms, so about one pause in ten had
// an integral time; a sub-microsecond jitter keeps the sum fractional.
{
  const now = performance.now.bind(performance);
  performance.now = () => now() + Math.random() * 1e-4;
}

/** Host functions the page provides; every program may call them. */
const HOST_FUNCTIONS = ['fetch_json', 'ask'];
const SCRIPT_NAME = 'main.py';
/** About 5-10 ms of work per slice. */
const SLICE_INSTRUCTIONS = 200_000;

let paused = null; // the MontySnapshot waiting for a host function's answer
let stopRequested = false;
// Deferred calls the page has answered, by callId, not yet given to the run.
const settled = new Map();
let waitTimer = null;
let printBuffer = '';

const post = (msg, transfer) => self.postMessage(msg, transfer ?? []);
const print = (_stream, text) => {
  printBuffer += text;
};
function flushPrint() {
  if (printBuffer) {
    post({ type: 'print', text: printBuffer });
    printBuffer = '';
  }
}

// Yields to the worker's event loop (a MessageChannel round trip: faster
// than setTimeout, which browsers clamp to 4 ms when nested).
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEventLoop = () =>
  new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

/** Advances `progress` until the run finishes, fails or calls a host function. */
async function drive(step) {
  stopRequested = false;
  let progress;
  try {
    progress = step();
    for (;;) {
      if (progress instanceof MontySnapshot && progress.kind === 'wait') {
        const answers = takeSettled(progress);
        if (answers.size === 0) break;
        progress = progress.resolve(answers);
        continue;
      }
      if (!(progress instanceof MontySnapshot && progress.kind === 'yield')) break;
      flushPrint();
      await yieldToEventLoop();
      if (stopRequested) {
        flushPrint();
        post({ type: 'stopped' });
        return;
      }
      progress = progress.resume();
    }
  } catch (error) {
    flushPrint();
    post(describeError(error));
    return;
  }
  flushPrint();
  if (progress instanceof MontyComplete) {
    settled.clear();
    post({ type: 'done', output: progress.output === null ? null : pyRepr(progress.output) });
    return;
  }
  if (progress.kind === 'wait') {
    wait(progress);
    return;
  }
  pause(progress);
}

/** The answers the page has given to calls this wait is for. */
function takeSettled(snapshot) {
  const answers = new Map();
  for (const id of snapshot.waiting) {
    if (settled.has(id)) {
      answers.set(id, settled.get(id));
      settled.delete(id);
    }
  }
  return answers;
}

/** Every task waits for deferred calls: resume when the page settles one, or when the loop's next timer is due. */
function wait(snapshot) {
  paused = snapshot;
  post({ type: 'waiting', waiting: [...snapshot.waiting] });
  if (snapshot.timeout !== null) {
    waitTimer = setTimeout(() => {
      waitTimer = null;
      if (paused !== snapshot) return;
      paused = null;
      drive(() => snapshot.resolve());
    }, snapshot.timeout * 1000);
  }
}

function settle(callId, answer) {
  settled.set(callId, answer);
  const snapshot = paused;
  if (snapshot?.kind !== 'wait' || !snapshot.waiting.includes(callId)) return;
  clearTimeout(waitTimer);
  waitTimer = null;
  paused = null;
  drive(() => snapshot.resolve(takeSettled(snapshot)));
}

function pause(snapshot) {
  paused = snapshot;
  // The bytes of the paused run, ready for "Download snapshot" (and their size).
  const bytes = snapshot.dump();
  post({
    type: 'paused',
    functionName: snapshot.functionName,
    args: snapshot.args,
    kwargs: snapshot.kwargs,
    argsRepr: snapshot.args.map(pyRepr),
    callId: snapshot.callId,
    inEventLoop: snapshot.inEventLoop,
    snapshot: bytes,
  });
}

function describeError(error) {
  if (error instanceof MontyRuntimeError) {
    let kind = 'runtime';
    if (error instanceof MontySyntaxError) kind = 'syntax';
    else if (error instanceof MontyLimitError) kind = 'limit';
    else if (error instanceof MontyHostError) kind = 'host';
    return {
      type: 'error',
      kind,
      limit: error instanceof MontyLimitError ? error.limit : null,
      errorType: error.type,
      message: error.pythonMessage,
      formatted: error.formatted,
      traceback: error.traceback,
      scriptName: SCRIPT_NAME,
    };
  }
  return {
    type: 'error',
    kind: error instanceof MontyError ? 'usage' : 'internal',
    errorType: error?.name ?? 'Error',
    message: String(error?.message ?? error),
    formatted: `${error?.name ?? 'Error'}: ${error?.message ?? error}`,
    traceback: [],
  };
}

const handlers = {
  run({ code, inputs, limits }) {
    paused = null;
    settled.clear();
    drive(() => {
      const program = new Monty(code, {
        inputs: Object.keys(inputs),
        externalFunctions: HOST_FUNCTIONS,
        scriptName: SCRIPT_NAME,
      });
      return program.start({
        inputs,
        limits: { ...limits, pauseEveryInstructions: SLICE_INSTRUCTIONS },
        printCallback: print,
      });
    });
  },
  resume({ value, error, awaitable }) {
    const snapshot = paused;
    paused = null;
    if (!snapshot) return post({ type: 'error', kind: 'usage', errorType: 'Error', message: 'nothing is paused', formatted: 'nothing is paused', traceback: [] });
    const options = { awaitable: !!awaitable };
    drive(() =>
      error ? snapshot.resumeError(error.type, error.message, options) : snapshot.resume(value, options),
    );
  },
  // Answer the paused call later (it is inside asyncio's loop): the run goes on.
  defer() {
    const snapshot = paused;
    paused = null;
    if (!snapshot) return;
    drive(() => snapshot.defer());
  },
  settle({ callId, value, error }) {
    settle(callId, error ? { error: error.type, message: error.message } : { value });
  },
  load({ bytes }) {
    paused = null;
    settled.clear();
    let snapshot;
    try {
      snapshot = MontySnapshot.load(new Uint8Array(bytes), { printCallback: print });
    } catch (error) {
      post(describeError(error));
      return;
    }
    if (snapshot.kind === 'yield') {
      // A run saved between two time slices: just continue it.
      drive(() => snapshot.resume());
    } else if (snapshot.kind === 'wait') {
      // Saved while waiting for calls this page never made: they cannot be
      // answered here.
      post(describeError(new MontyError(`this snapshot waits for host calls made before it was saved (${snapshot.waiting.join(', ')})`)));
    } else {
      pause(snapshot);
    }
  },
  stop() {
    stopRequested = true;
    clearTimeout(waitTimer);
    waitTimer = null;
    settled.clear();
  },
};

self.onmessage = (event) => handlers[event.data.type]?.(event.data);

loadMonty().then(
  () => post({ type: 'ready' }),
  (error) => post({ type: 'fatal', message: String(error?.message ?? error) }),
);
