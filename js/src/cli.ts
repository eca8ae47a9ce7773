// `monty-wasm` (npx monty-wasm FILE.py): the native `monty` command's contract
// (cli/main.cpp) on the npm package: same options, same --input JSON mapping
// (the native reader is compiled into the wasm module), same exit statuses
// (0 ok, 1 uncaught exception with CPython's traceback on stderr, 2 usage
// error or unreadable file, 120 output lost).
import fs from 'node:fs';
import path from 'node:path';
import { callCoreRaw, compileFromUrl, loadMonty, setDefaultWasmSource } from './loader.js';
import { Monty } from './monty.js';
import { MontyRuntimeError } from './errors.js';
import { EncodedValue, decode, type PyValue } from './values.js';

setDefaultWasmSource(() => compileFromUrl(new URL('../dist/monty.wasm', import.meta.url)));


const VERSION = '0.1.0';
const EXIT_OK = 0;
const EXIT_EXCEPTION = 1;
const EXIT_USAGE = 2;
const USAGE_LINE = 'usage: monty-wasm [option] ... (-c cmd | file | -)\n';
const HELP = `${USAGE_LINE}Run a Python program with monty-wasm, a sandboxed Python 3.11-subset interpreter
(the WebAssembly build of monty).

  file                     program read from a file ('-' reads stdin)
  -c cmd                   program passed as a string
  --input NAME=VALUE       declare input variable NAME (repeatable); VALUE is
                           JSON (null, true, 12, 1.5, "s", [..], {..}), or
                           taken as a plain str when it is not valid JSON
  --max-recursion N        Python call depth limit (default 1000)
  --max-memory BYTES       live heap limit; suffixes K, M, G (x1024) allowed
  --max-instructions N     bytecode instruction budget
  --max-allocations N      heap allocation budget
  -h, --help               show this help and exit
  --version                show the version and exit

Options may also be written --name=value. '--' ends options.
Exit status: 0 on success, 1 on an uncaught exception (traceback on stderr),
2 on a usage error or an unreadable file.
`;

class UsageError extends Error {}

interface Options {
  code?: string;
  file?: string;
  inputs: [string, string][];
  limits: { maxRecursionDepth?: number; maxMemory?: number; maxInstructions?: number; maxAllocations?: number };
}

function parseCount(text: string, allowSuffix: boolean): number | undefined {
  let mult = 1;
  const last = text.slice(-1).toUpperCase();
  if (allowSuffix && (last === 'K' || last === 'M' || last === 'G')) {
    mult = 1024 ** ('KMG'.indexOf(last) + 1);
    text = text.slice(0, -1);
  }
  if (!/^[0-9]+$/.test(text)) return undefined;
  const v = BigInt(text) * BigInt(mult);
  // Limits beyond 2^53 are as good as none; keep them exact where it matters.
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

function parseArgs(argv: string[]): Options | number {
  const opts: Options = { inputs: [], limits: {} };
  let ended = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (ended || arg.length <= 1 || arg[0] !== '-') {
      if (opts.code !== undefined || opts.file !== undefined) throw new UsageError(`unexpected argument '${arg}'`);
      opts.file = arg;
      continue;
    }
    if (arg === '--') {
      ended = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(HELP);
      return EXIT_OK;
    }
    if (arg === '--version') {
      process.stdout.write(`monty-wasm ${VERSION} (Python 3.11 subset)\n`);
      return EXIT_OK;
    }
    if (arg.startsWith('-c')) {
      let code: string;
      if (arg.length > 2) code = arg.slice(2);
      else if (i + 1 < argv.length) code = argv[++i];
      else throw new UsageError('argument expected for the -c option');
      if (opts.code !== undefined || opts.file !== undefined) throw new UsageError('more than one program given');
      opts.code = code;
      continue;
    }
    let name = arg;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (eq >= 0 && arg.startsWith('--')) {
      name = arg.slice(0, eq);
      value = arg.slice(eq + 1);
    }
    const known = ['--input', '--max-recursion', '--max-memory', '--max-instructions', '--max-allocations'];
    if (!known.includes(name)) throw new UsageError(`unknown option ${arg}`);
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`argument expected for the ${name} option`);
      value = argv[++i];
    }
    if (name === '--input') {
      const at = value.indexOf('=');
      if (at < 0) throw new UsageError(`--input expects NAME=VALUE, got '${value}'`);
      const inputName = value.slice(0, at);
      if (!/^[A-Za-z_\u{80}-\u{10ffff}][\w\u{80}-\u{10ffff}]*$/u.test(inputName)) {
        throw new UsageError(`--input name '${inputName}' is not a valid Python identifier`);
      }
      if (opts.inputs.some(([n]) => n === inputName)) throw new UsageError(`--input ${inputName} given more than once`);
      opts.inputs.push([inputName, value.slice(at + 1)]);
      continue;
    }
    const isMemory = name === '--max-memory';
    const n = parseCount(value, isMemory);
    if (n === undefined) {
      throw new UsageError(
        `${name} expects a non-negative integer${isMemory ? ' (optionally with K, M or G)' : ''}, got '${value}'`,
      );
    }
    if (name === '--max-recursion') {
      if (n === 0 || n > 0xffffffff) throw new UsageError(`--max-recursion must be between 1 and ${0xffffffff}`);
      opts.limits.maxRecursionDepth = n;
    } else if (isMemory) {
      opts.limits.maxMemory = n;
    } else if (name === '--max-instructions') {
      opts.limits.maxInstructions = n;
    } else {
      opts.limits.maxAllocations = n;
    }
  }
  if (opts.code === undefined && opts.file === undefined) throw new UsageError("no program given (a file, '-' or -c cmd)");
  return opts;
}

// Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1.
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    let n = 0;
    let min = 0;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

const ERRNO_TEXT: Record<string, [number, string]> = {
  ENOENT: [2, 'No such file or directory'],
  EACCES: [13, 'Permission denied'],
  EISDIR: [21, 'Is a directory'],
  ENOTDIR: [20, 'Not a directory'],
};

function errnoText(e: unknown): string {
  const code = (e as { code?: string }).code ?? '';
  const [num, text] = ERRNO_TEXT[code] ?? [Math.abs((e as { errno?: number }).errno ?? 5), (e as Error).message];
  return `[Errno ${num}] ${text}`;
}

// Output is collected and written in large chunks (print-heavy programs are
// common); stderr writes flush stdout first so the two stay in order.
const chunks: string[] = [];
let buffered = 0;
function flushStdout(): void {
  if (chunks.length) process.stdout.write(chunks.join(''));
  chunks.length = 0;
  buffered = 0;
}
function print(stream: 'stdout' | 'stderr', text: string): void {
  if (stream === 'stderr') {
    flushStdout();
    process.stderr.write(text);
    return;
  }
  chunks.push(text);
  buffered += text.length;
  if (buffered >= 1 << 16) flushStdout();
}

function systemExitStatus(e: MontyRuntimeError): number {
  const m = e.pythonMessage;
  if (m === '' || m === 'None') return EXIT_OK;
  if (/^-?[0-9]+$/.test(m)) return Number(BigInt.asUintN(8, BigInt(m)));
  flushStdout();
  process.stderr.write(m + '\n');
  return EXIT_EXCEPTION;
}

async function main(argv: string[]): Promise<number> {
  let opts: Options;
  try {
    const parsed = parseArgs(argv);
    if (typeof parsed === 'number') return parsed;
    opts = parsed;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`monty-wasm: ${e.message}\n${USAGE_LINE}Try 'monty-wasm -h' for more information.\n`);
    return EXIT_USAGE;
  }

  let bytes: Uint8Array;
  let scriptName: string;
  if (opts.code !== undefined) {
    bytes = new TextEncoder().encode(opts.code);
    scriptName = '<string>';
  } else if (opts.file === '-') {
    scriptName = '<stdin>';
    try {
      bytes = fs.readFileSync(process.stdin.fd);
    } catch (e) {
      process.stderr.write(`monty-wasm: can't read stdin: ${errnoText(e)}\n`);
      return EXIT_USAGE;
    }
  } else {
    const file = opts.file as string;
    // CPython names the main script cwd + "/" + path as given, unnormalised.
    scriptName = path.isAbsolute(file) ? file : `${process.cwd().replace(/\/$/, '')}/${file}`;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      process.stderr.write(`monty-wasm: can't open file '${scriptName}': ${errnoText(e)}\n`);
      return EXIT_USAGE;
    }
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 10) line++;
    const hex = bytes[bad].toString(16).padStart(2, '0');
    process.stderr.write(
      `SyntaxError: Non-UTF-8 code starting with '\\x${hex}' in file ${scriptName} on line ${line}, ` +
        'but no encoding declared; see https://peps.python.org/pep-0263/ for details\n',
    );
    return EXIT_EXCEPTION;
  }
  const code = new TextDecoder().decode(bytes);

  await loadMonty();
  const inputs: Record<string, EncodedValue> = {};
  for (const [name, text] of opts.inputs) {
    const reply = callCoreRaw('parseCliInput', new TextEncoder().encode(text));
    // [0, status, value-or-error]: the value is spliced in as raw MessagePack.
    const status = reply[2];
    if (status === 2) {
      const msg = decode(reply.subarray(3)) as string;
      process.stderr.write(`monty-wasm: --input ${name}: JSON ${msg}\n${USAGE_LINE}Try 'monty-wasm -h' for more information.\n`);
      return EXIT_USAGE;
    }
    if (status === 0) {
      inputs[name] = new EncodedValue(reply.subarray(3));
    } else {
      // Not JSON: the value is the text itself, as a str (so --input name=Ada works).
      inputs[name] = text as unknown as EncodedValue;
    }
  }

  try {
    const m = new Monty(code, { scriptName, inputs: opts.inputs.map(([n]) => n), printCallback: print });
    m.run({ inputs: inputs as unknown as Record<string, PyValue>, limits: opts.limits });
  } catch (e) {
    flushStdout();
    if (!(e instanceof MontyRuntimeError)) throw e;
    if (e.type === 'SystemExit') return systemExitStatus(e);
    process.stderr.write(e.formatted);
    return EXIT_EXCEPTION;
  }
  flushStdout();
  return EXIT_OK;
}

let outputLost = false;
process.stdout.on('error', () => {
  outputLost = true;
});
main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = outputLost && status === EXIT_OK ? 120 : status;
  },
  (e) => {
    flushStdout();
    process.stderr.write(`monty-wasm: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = EXIT_EXCEPTION;
  },
);
