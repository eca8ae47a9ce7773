// The interpreter runs here, in a Web Worker, so the page never freezes.
// The run advances in time slices (limits.pauseEveryInstructions): between
// slices the worker returns to its event loop, flushes printed output to the
// page and can receive messages. A call to a host function pauses the run;
// the page answers it (now or much later) with a 'resume' message.
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
    while (progress instanceof MontySnapshot && progress.kind === 'yield') {
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
    post({ type: 'done', output: progress.output === null ? null : pyRepr(progress.output) });
    return;
  }
  pause(progress);
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
  load({ bytes }) {
    paused = null;
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
    } else {
      pause(snapshot);
    }
  },
  stop() {
    stopRequested = true;
  },
};

self.onmessage = (event) => handlers[event.data.type]?.(event.data);

loadMonty().then(
  () => post({ type: 'ready' }),
  (error) => post({ type: 'fatal', message: String(error?.message ?? error) }),
);
