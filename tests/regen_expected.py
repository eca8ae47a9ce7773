#!/usr/bin/env python3
"""Regenerate tests/cases/**/<name>.expected with CPython (the oracle).

The expected output of a case is:
  * everything the program wrote to stdout, then
  * if the program exited non-zero (uncaught exception / syntax error), the
    last line of stderr -- the "Type: message" line -- followed by "\\n"
    (a "\\n" is inserted first if stdout did not end with one).

Convention (enforced here, relied on by run_case.cmake and run_cases.py):
cases under tests/cases/errors/ and tests/cases/syntax_errors/ must exit with
status 1; every other case must exit with status 0.

Usage:
  python3 tests/regen_expected.py                     # every case
  python3 tests/regen_expected.py strings errors      # whole topics
  python3 tests/regen_expected.py tests/cases/ints/bigint.py   # single files
  python3 tests/regen_expected.py --check             # verify, write nothing
Options:
  --python PATH   interpreter to use (default: python3 on PATH; must be 3.11)
  --check         do not write; report cases whose .expected would change
  --twice         run every case twice and fail if the outputs differ
"""
import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
ERROR_TOPICS = {"errors", "syntax_errors"}
TIMEOUT = 10


def case_env():
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUTF8"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTHONSTARTUP", None)
    env.pop("PYTHONPATH", None)
    return env


def build_output(stdout, stderr, rc):
    """stdout (+ last stderr line if rc != 0), exactly as the runners do."""
    out = stdout.replace("\r\n", "\n")
    if rc != 0:
        lines = [l.strip() for l in stderr.replace("\r\n", "\n").split("\n")]
        lines = [l for l in lines if l]
        last = lines[-1] if lines else "<no stderr>"
        if out and not out.endswith("\n"):
            out += "\n"
        out += last + "\n"
    return out


def run_case(python, path):
    proc = subprocess.run(
        [python, "-X", "utf8", os.path.basename(path)],
        cwd=os.path.dirname(path),
        env=case_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
    )
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    return build_output(out, err, proc.returncode), proc.returncode, err


def topic_of(path):
    return os.path.relpath(path, CASES).split(os.sep)[0]


def collect(selectors):
    all_cases = []
    for root, _dirs, files in os.walk(CASES):
        for f in files:
            if f.endswith(".py"):
                all_cases.append(os.path.join(root, f))
    all_cases.sort()
    if not selectors:
        return all_cases
    chosen = []
    for sel in selectors:
        p = os.path.abspath(sel)
        if os.path.isfile(p):
            chosen.append(p)
            continue
        if os.path.isdir(p):
            chosen += [c for c in all_cases if c.startswith(p + os.sep)]
            continue
        # topic name or topic/name
        q = sel.rstrip("/")
        hits = [c for c in all_cases
                if topic_of(c) == q
                or os.path.relpath(c, CASES)[:-3] == q
                or os.path.relpath(c, CASES) == q]
        if not hits:
            sys.exit(f"regen_expected: no case matches {sel!r}")
        chosen += hits
    return sorted(set(chosen))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("selectors", nargs="*")
    ap.add_argument("--python", default="python3")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--twice", action="store_true")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    ver = subprocess.run([args.python, "-c",
                          "import sys; print('%d.%d' % sys.version_info[:2])"],
                         capture_output=True, text=True).stdout.strip()
    if ver != "3.11":
        sys.exit(f"regen_expected: {args.python} is Python {ver}, need 3.11")

    cases = collect(args.selectors)
    problems = []
    changed = []

    def work(path):
        out, rc, err = run_case(args.python, path)
        if args.twice:
            out2, _, _ = run_case(args.python, path)
            if out2 != out:
                return path, out, rc, err, "nondeterministic output"
        want_rc = 1 if topic_of(path) in ERROR_TOPICS else 0
        if rc != want_rc:
            return path, out, rc, err, f"exit status {rc}, expected {want_rc}"
        return path, out, rc, err, None

    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(work, cases))

    for path, out, rc, err, problem in results:
        rel = os.path.relpath(path, CASES)
        if problem:
            tail = err.strip().splitlines()[-3:] if err.strip() else []
            problems.append(f"{rel}: {problem}" +
                            "".join("\n    " + l for l in tail))
            continue
        exp = path[:-3] + ".expected"
        old = None
        if os.path.exists(exp):
            with open(exp, encoding="utf-8", newline="") as f:
                old = f.read()
        if old != out:
            changed.append(rel)
            if not args.check:
                with open(exp, "w", encoding="utf-8", newline="\n") as f:
                    f.write(out)

    for p in problems:
        print("PROBLEM", p)
    verb = "would change" if args.check else "updated"
    for c in changed:
        print(verb, c)
    print(f"{len(cases)} cases, {len(changed)} {verb}, {len(problems)} problems")
    sys.exit(1 if problems or (args.check and changed) else 0)


if __name__ == "__main__":
    main()
