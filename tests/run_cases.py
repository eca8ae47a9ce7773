#!/usr/bin/env python3
"""Run the language cases (tests/cases/**/*.py) against a monty build.

  python3 tests/run_cases.py --monty build/cli/monty [--filter TOPIC] [-j 2]
  python3 tests/run_cases.py --cmd "node npm-package/bin/monty-wasm.js"

Each case is run as `<command> <name>.py` in the case's directory. The actual
output is stdout plus, if the exit status is non-zero, the last non-empty
line of stderr; it must equal <name>.expected (generated from CPython by
tests/regen_expected.py). Cases under errors/ and syntax_errors/ must exit
with status 1, all others with 0.

Prints one line per failure and, last, a summary exactly of the form
"N passed, M failed".
"""
import argparse
import fnmatch
import os
import shlex
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
ERROR_TOPICS = {"errors", "syntax_errors"}


def build_output(stdout, stderr, rc):
    out = stdout.replace("\r\n", "\n")
    if rc != 0:
        lines = [l.strip() for l in stderr.replace("\r\n", "\n").split("\n")]
        lines = [l for l in lines if l]
        last = lines[-1] if lines else "<no stderr>"
        if out and not out.endswith("\n"):
            out += "\n"
        out += last + "\n"
    return out


def first_diff(expected, actual):
    el = expected.split("\n")
    al = actual.split("\n")
    for i in range(max(len(el), len(al))):
        e = el[i] if i < len(el) else "<end of output>"
        a = al[i] if i < len(al) else "<end of output>"
        if e != a:
            if i == len(el) - 1 and e == "":
                e = "<end of output>"
            if i == len(al) - 1 and a == "":
                a = "<end of output>"
            return i + 1, e, a
    return None, "", ""


def collect(filters):
    cases = []
    for root, _dirs, files in os.walk(CASES):
        for f in files:
            if f.endswith(".py"):
                rel = os.path.relpath(os.path.join(root, f), CASES)
                cases.append(rel[:-3].replace(os.sep, "/"))
    cases.sort()
    if filters:
        def keep(name):
            topic = name.split("/")[0]
            return any(f.rstrip("/") == topic or f == name or fnmatch.fnmatch(name, f)
                       for f in filters)
        cases = [c for c in cases if keep(c)]
    return cases


def run_one(cmd, name, timeout):
    path = os.path.join(CASES, *name.split("/")) + ".py"
    exp_path = path[:-3] + ".expected"
    topic = name.split("/")[0]
    want_rc = 1 if topic in ERROR_TOPICS else 0
    if not os.path.exists(exp_path):
        return name, "missing .expected (run tests/regen_expected.py)"
    with open(exp_path, encoding="utf-8", newline="") as f:
        expected = f.read().replace("\r\n", "\n")
    t0 = time.monotonic()
    try:
        proc = subprocess.run(cmd + [os.path.basename(path)],
                              cwd=os.path.dirname(path),
                              stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return name, f"timeout after {timeout}s"
    except OSError as e:
        return name, f"cannot run {cmd[0]}: {e}"
    elapsed = time.monotonic() - t0
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    rc = proc.returncode
    actual = build_output(out, err, rc)
    msgs = []
    if rc < 0:
        msgs.append(f"killed by signal {-rc}")
    elif rc != want_rc:
        msgs.append(f"exit status {rc}, expected {want_rc}")
    if actual != expected:
        line, e, a = first_diff(expected, actual)
        if line is None:
            msgs.append("output differs")
        else:
            msgs.append(f"line {line}: expected {e!r}, got {a!r}")
    if msgs:
        return name, "; ".join(msgs)
    return name, None


def main():
    ap = argparse.ArgumentParser(
        description="Run tests/cases against monty.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--monty", help="path to the monty binary")
    g.add_argument("--cmd", help="command line to run a case with (the case "
                   "file name is appended), e.g. 'node npm-package/bin/monty-wasm.js'")
    ap.add_argument("--filter", action="append", default=[],
                    help="topic, topic/name, or glob over topic/name "
                    "(e.g. 'strings/*split*'); repeatable")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also list passing cases")
    args = ap.parse_args()

    if args.monty:
        cmd = [os.path.abspath(args.monty)]
        if not os.path.isfile(cmd[0]):
            sys.exit(f"run_cases: no such file: {args.monty}")
    else:
        cmd = shlex.split(args.cmd)
        # Make relative paths in the command independent of the case cwd.
        cmd = [os.path.abspath(c) if os.path.exists(c) and os.sep in c else c
               for c in cmd]

    cases = collect(args.filter)
    passed = failed = 0
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for name, problem in ex.map(lambda n: run_one(cmd, n, args.timeout),
                                    cases):
            if problem is None:
                passed += 1
                if args.verbose:
                    print(f"PASS {name}")
            else:
                failed += 1
                print(f"FAIL {name}: {problem}", flush=True)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not cases else 0)


if __name__ == "__main__":
    main()
