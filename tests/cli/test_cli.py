#!/usr/bin/env python3
"""Behaviour tests of the `monty` command line (run by ctest as cli/<group>).

  python3 tests/cli/test_cli.py --monty build/cli/monty [group ...]

Groups:
  args  argument handling, unreadable and non-UTF-8 files, exit statuses;
        needs the CLI binary but hardly any of the interpreter
  run   programs that print, raise, take --input values and hit limits;
        the interpreter (CPython) running this script is the oracle where
        one is needed (json.loads for --input values, SyntaxError text)
  examples  every examples/*.py gives CPython's output and exit status
  tracebacks  every tests/cli/tracebacks/*.py gives CPython's stdout and
        whole traceback text (chained exceptions, re-raises, frames)
"""
import argparse
import json
import os
import re
import random
import subprocess
import sys
import tempfile

FAILURES = []


def run(monty, args, stdin=None, merge=False, cwd=None, timeout=20):
    try:
        p = subprocess.run(
            [monty] + args,
            input=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merge else subprocess.PIPE,
            cwd=cwd,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, "", f"(killed after {timeout} s)"
    out = p.stdout.decode("utf-8", "replace")
    err = "" if merge else p.stderr.decode("utf-8", "replace")
    return p.returncode, out, err


def check(name, cond, detail=""):
    if cond:
        print(f"ok   {name}")
    else:
        print(f"FAIL {name}\n{detail}")
        FAILURES.append(name)


def expect(name, result, code=None, out=None, err=None, err_last=None, err_has=None):
    rc, o, e = result
    problems = []
    if code is not None and rc != code:
        problems.append(f"exit status {rc}, expected {code}")
    if out is not None and o != out:
        problems.append(f"stdout {o!r}, expected {out!r}")
    if err is not None and e != err:
        problems.append(f"stderr {e!r}, expected {err!r}")
    last = e.rstrip("\n").split("\n")[-1] if e else ""
    if err_last is not None and last != err_last:
        problems.append(f"last stderr line {last!r}, expected {err_last!r}")
    if err_has is not None and err_has not in e:
        problems.append(f"stderr {e!r} lacks {err_has!r}")
    check(name, not problems, "\n".join("     " + p for p in problems) + f"\n     stderr: {e!r}")


def group_args(monty, tmp):
    expect("help", run(monty, ["--help"]), code=0, err="")
    check("help text", run(monty, ["-h"])[1].startswith("usage: monty"))
    rc, out, _ = run(monty, ["--version"])
    check("version", rc == 0 and out.startswith("monty "), out)

    usage = [
        ("no program", []),
        ("unknown option", ["--bogus", "-c", "pass"]),
        ("-c without code", ["-c"]),
        ("two programs", ["-c", "pass", "x.py"]),
        ("extra argument", ["x.py", "y.py"]),
        ("option without value", ["-c", "pass", "--max-memory"]),
        ("bad count", ["--max-instructions", "12x", "-c", "pass"]),
        ("negative count", ["--max-allocations=-1", "-c", "pass"]),
        ("bad memory suffix", ["--max-memory", "1T", "-c", "pass"]),
        ("zero recursion", ["--max-recursion", "0", "-c", "pass"]),
        ("huge count", ["--max-instructions", "99999999999999999999999", "-c", "pass"]),
        ("input without =", ["--input", "x", "-c", "pass"]),
        ("input bad name", ["--input", "1x=2", "-c", "pass"]),
        ("input repeated", ["--input", "x=1", "--input", "x=2", "-c", "pass"]),
        ("input too deep", ["--input", "x=" + "[" * 100000, "-c", "pass"]),
    ]
    for name, args in usage:
        rc, out, err = run(monty, args)
        check(f"usage error: {name}", rc == 2 and out == "" and err.startswith("monty: "),
              f"     exit {rc}, stdout {out!r}, stderr {err!r}")

    missing = os.path.join(tmp, "missing.py")
    expect("missing file (absolute)", run(monty, [missing]), code=2, out="",
           err=f"monty: can't open file '{missing}': [Errno 2] No such file or directory\n")
    # Like CPython 3.11, a relative path is shown joined to the cwd, unnormalised.
    expect("missing file (relative)", run(monty, ["./missing.py"], cwd=tmp), code=2,
           err=f"monty: can't open file '{tmp}/./missing.py': [Errno 2] No such file or directory\n")
    expect("directory", run(monty, [tmp]), code=2,
           err=f"monty: can't open file '{tmp}': [Errno 21] Is a directory\n")

    # Non-UTF-8 source: CPython's exact SyntaxError text, status 1, and core
    # never sees the bytes.
    for i, data in enumerate([b"print(1)\nx = '\xff'\n", b"\xe2\x82", b"# \xed\xa0\x80\n",
                              b"\xc0\x80"]):
        path = os.path.join(tmp, f"bad{i}.py")
        with open(path, "wb") as f:
            f.write(data)
        oracle = subprocess.run([sys.executable, path], capture_output=True)
        expect(f"non-UTF-8 source {i}", run(monty, [path]), code=1, out="",
               err=oracle.stderr.decode())
    rc, _, err = run(monty, ["-c", "x = '\udcff'".encode("utf-8", "surrogateescape")])
    check("non-UTF-8 -c", rc == 1 and err.startswith("SyntaxError: Non-UTF-8"), err)

    # Output that cannot be written is an error, not a silent success.
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            p = subprocess.run([monty, "--help"], stdout=full, stderr=subprocess.PIPE)
        check("write error -> 120", p.returncode == 120, p.stderr.decode())


def group_run(monty, tmp):
    expect("print", run(monty, ["-c", "print('hello', 42)"]), code=0, out="hello 42\n", err="")
    expect("empty program", run(monty, ["-c", ""]), code=0, out="", err="")
    expect("last value not printed", run(monty, ["-c", "1 + 1"]), code=0, out="")
    expect("stdin program", run(monty, ["-"], stdin=b"print('from stdin')\n"), code=0,
           out="from stdin\n")

    path = os.path.join(tmp, "boom.py")
    with open(path, "w") as f:
        f.write("print('before')\nx = 1\n1 / 0\n")
    r = run(monty, [path])
    expect("uncaught exception", r, code=1, out="before\n",
           err_last="ZeroDivisionError: division by zero", err_has=f'File "{path}", line 3')
    check("traceback header", r[2].startswith("Traceback (most recent call last):\n"), r[2])
    r = run(monty, ["boom.py"], cwd=tmp)
    check("relative script name in traceback", f'File "{tmp}/boom.py", line 3' in r[2], r[2])
    # stdout is flushed before the traceback, so a shared pipe keeps the order.
    rc, merged, _ = run(monty, [path], merge=True)
    check("stdout before traceback", rc == 1 and merged.startswith("before\nTraceback"), merged)

    bom = os.path.join(tmp, "bom.py")
    with open(bom, "wb") as f:
        f.write(b"\xef\xbb\xbfprint('bom ok')\n")
    expect("UTF-8 BOM skipped", run(monty, [bom]), code=0, out="bom ok\n")

    oracle = subprocess.run([sys.executable, "-c", "print(1"], capture_output=True)
    expect("syntax error", run(monty, ["-c", "print(1"]), code=1, out="",
           err_last=oracle.stderr.decode().rstrip("\n").split("\n")[-1])

    # --input: the value must be what json.loads gives; non-JSON is a str.
    values = ['null', 'true', 'false', '0', '-0', '42', '-7', '9223372036854775807',
              '9223372036854775808', '-123456789012345678901234567890', '1.5', '-0.0', '1e3',
              '1e400', '"s"', '"caf\\u00e9 \\ud83d\\ude00"', '"\\"quoted\\"\\n"', '[]',
              '[1, [2, [3]], "x"]', '{}', '{"a": 1, "b": [true, null], "a": 2}',
              ' {"n": {"m": 0.1}} ']
    for v in values:
        want = repr(json.loads(v)) + "\n"
        expect(f"--input {v.strip()}", run(monty, ["-c", "print(repr(x))", "--input", f"x={v}"]),
               code=0, out=want)
    for v in ["Ada", "", "hello world", "[1, 2", "{'a': 1}", "True", "caf\u00e9"]:
        expect(f"--input str {v!r}", run(monty, ["-c", "print(repr(x))", "--input", f"x={v}"]),
               code=0, out=repr(v) + "\n")
    expect("--input several",
           run(monty, ["--input", "a=2", "-c", "print(a * b)", "--input=b=21"]), code=0, out="42\n")
    expect("--input undeclared name", run(monty, ["-c", "print(y)", "--input", "x=1"]), code=1,
           err_last="NameError: name 'y' is not defined")

    # Limits stop runaway programs with a Python exception (status 1), quickly.
    # The programs are finite (and modest) so that a limit that is not enforced
    # shows up as a plain failure rather than a hung or memory-hungry test.
    recurse = "def f(n):\n    return f(n + 1)\nf(0)\n"
    expect("--max-recursion", run(monty, ["--max-recursion", "50", "-c", recurse]), code=1,
           err_has="RecursionError")
    expect("default recursion limit", run(monty, ["-c", recurse]), code=1,
           err_has="RecursionError")
    loop = "i = 0\nwhile i < 10 ** 7:\n    i += 1\n"
    rc, _, err = run(monty, ["--max-instructions", "100000", "-c", loop], timeout=60)
    check("--max-instructions", rc == 1 and err.strip() != "", err)
    grow = "x = []\nfor i in range(100000):\n    x.append(str(i) * 20)\n"
    expect("--max-memory", run(monty, ["--max-memory", "1M", "-c", grow], timeout=60), code=1,
           err_has="MemoryError")
    rc, _, err = run(monty, ["--max-allocations", "1000", "-c", grow], timeout=60)
    check("--max-allocations", rc == 1 and err.strip() != "", err)
    expect("limits leave normal programs alone",
           run(monty, ["--max-memory", "64M", "--max-instructions", "10000000", "-c",
                       "print(sum(range(1000)))"]), code=0, out="499500\n")


# Inputs the examples expect (as README.md shows them).
EXAMPLE_INPUTS = {"greet.py": {"name": "Ada", "langs": '["Python", "C++"]'}}


def group_examples(monty, tmp):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")
    root = os.path.normpath(root)
    for name in sorted(f for f in os.listdir(root) if f.endswith(".py")):
        path = os.path.join(root, name)
        inputs = EXAMPLE_INPUTS.get(name, {})
        args = [path]
        for k, v in inputs.items():
            args += ["--input", f"{k}={v}"]
        # CPython runs the same file with the same values bound as globals.
        prelude = ("import json\n"
                   "def _v(t):\n"
                   "    try:\n        return json.loads(t)\n"
                   "    except ValueError:\n        return t\n"
                   f"_g = {{'__name__': '__main__', **{{k: _v(v) for k, v in {inputs!r}.items()}}}}\n"
                   f"exec(compile(open({path!r}).read(), {path!r}, 'exec'), _g)\n")
        oracle = subprocess.run([sys.executable, "-c", prelude], capture_output=True)
        want_err = oracle.stderr.decode().rstrip("\n").split("\n")[-1] if oracle.returncode else None
        expect(f"example {name}", run(monty, args), code=oracle.returncode,
               out=oracle.stdout.decode(), err_last=want_err)


def without_stdlib_frames(lines, script):
    """Drops the traceback entries of files other than `script` (a File line
    and its source line): those of CPython's Python-written library, e.g.
    json's; monty implements those modules natively, so they have no frames.
    Inside an exception group's box each line starts with its margin ("  | ")."""
    out, in_stdlib = [], False
    for line in lines:
        margin = re.match(r" *[|+] ", line)
        body = line[margin.end():] if margin else line
        if body.startswith('  File "'):
            path = body[len('  File "'):].split('"')[0]
            in_stdlib = os.path.basename(path) != script
        elif not body.startswith("    "):
            in_stdlib = False
        if not in_stdlib:
            out.append(line)
    return out


def group_tracebacks(monty, tmp):
    """Each tests/cli/tracebacks/*.py, carets/*.py and suggestions/*.py exits
    with an uncaught exception; its whole stderr must be CPython's (the
    interpreter running this script), ~~^^ marker lines included, less the
    frames inside CPython's own library modules (without_stdlib_frames). The
    carets/ files are one failing construct each: where CPython 3.11 locates
    the error (binary operations, subscripts, calls, method chains over
    several lines, stores, deletes, augmented assignments, asserts,
    decorators, wide characters...); the suggestions/ files are misspelled
    names and attributes ("Did you mean: 'append'?")."""
    here = os.path.dirname(os.path.abspath(__file__))
    for root in [os.path.join(here, "tracebacks")] + [
            os.path.join(here, "tracebacks", sub) for sub in ("carets", "suggestions")]:
        prefix = os.path.relpath(root, os.path.join(here, "tracebacks"))
        for name in sorted(f for f in os.listdir(root) if f.endswith(".py")):
            oracle = subprocess.run([sys.executable, name], capture_output=True, cwd=root)
            want_err = "".join(without_stdlib_frames(
                oracle.stderr.decode().splitlines(keepends=True), name))
            label = name if prefix == "." else f"{prefix}/{name}"
            expect(f"traceback {label}", run(monty, [name], cwd=root), code=oracle.returncode,
                   out=oracle.stdout.decode(), err=want_err)
    # The language cases that end in an error (tests/cases/errors and
    # syntax_errors) are compared by their last line elsewhere; here their
    # whole stderr, SyntaxError carets and traceback markers included, less
    # library frames (also the <string> ones of code dataclasses generates).
    cases = os.path.join(here, "..", "cases")
    for topic in ("errors", "syntax_errors"):
        root = os.path.join(cases, topic)
        for name in sorted(f for f in os.listdir(root) if f.endswith(".py")):
            oracle = subprocess.run([sys.executable, name], capture_output=True, cwd=root)
            want_err = "".join(without_stdlib_frames(
                oracle.stderr.decode().splitlines(keepends=True), name))
            expect(f"traceback cases/{topic}/{name}", run(monty, [name], cwd=root),
                   code=oracle.returncode, out=oracle.stdout.decode(), err=want_err)


# Random expressions for group_markers: names bound to values of several
# types (and None), operators, subscripts, calls, attributes, parentheses and
# spacing, some split over lines, so that they fail at every depth.
MARKER_PRELUDE = """a = 1
b = 2.5
n = None
d = {"k": 3}
s = "str"
lst = [1, 2]
class O:
    v = 4
    def m(self, x):
        return x + 1
obj = O()
def f(x):
    return x * 2
def g():
    return None
def h(x):
    return x[0]
"""


def random_expression(rng, depth):
    atoms = ["a", "b", "n", "d", "s", "lst", "1", "2", '"x"', "None", "f(a)", "g()", "obj",
             "obj.v", 'd["k"]', "lst[0]", "lst[9]"]
    blank = lambda: rng.choice(["", " ", " ", "  "])
    r = rng.random()
    if depth <= 0 or r < 0.25:
        return rng.choice(atoms)
    sub = lambda: random_expression(rng, depth - 1)
    if r < 0.55:
        op = rng.choice(["+", "-", "*", "/", "//", "%", "**", "<<", "&", "|", "@"])
        return sub() + blank() + op + blank() + sub()
    if r < 0.65:
        return "(" + blank() + sub() + blank() + ")"
    if r < 0.75:
        return sub() + "[" + blank() + sub() + blank() + "]"
    if r < 0.82:
        return rng.choice(["f", "h", "obj.m", "len", "int"]) + "(" + sub() + ")"
    if r < 0.88:
        return "(" + sub() + ")." + rng.choice(["v", "w", "upper", "real"])
    if r < 0.94:
        return "-" + sub()
    return "[" + sub() + ", " + sub() + "]"


def group_markers(monty, tmp):
    """Generated programs (fixed seeds) that fail somewhere inside a random
    expression: whole stderr, ^^^/~~^~~ markers included, must be CPython's.
    Programs CPython warns about at compile time (SyntaxWarning, which monty
    does not emit) or runs without error are skipped."""
    rng = random.Random(20261127)
    path = os.path.join(tmp, "expr.py")
    compared = 0
    for i in range(450):
        e = random_expression(rng, rng.randint(1, 4))
        form = rng.random()
        if form < 0.5:
            body = "r = " + e + "\n"
        elif form < 0.7:
            body = "def t():\n    return " + e + "\nt()\n"
        elif form < 0.85:
            body = "print(" + e + ")\n"
        else:
            body = "r = (" + e.replace(" ", "\n     ", 1) + ")\n"
        with open(path, "w") as f:
            f.write(MARKER_PRELUDE + body)
        oracle = subprocess.run([sys.executable, path], capture_output=True)
        if oracle.returncode == 0 or b"Warning" in oracle.stderr:
            continue
        compared += 1
        expect(f"markers #{i}: {body.strip()!r}", run(monty, [path]), code=oracle.returncode,
               out=oracle.stdout.decode(), err=oracle.stderr.decode())
    check("markers: at least 200 failing programs compared", compared >= 200, str(compared))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--monty", required=True, help="path of the monty binary")
    ap.add_argument("groups", nargs="*",
                    default=["args", "run", "examples", "tracebacks", "markers"])
    opts = ap.parse_args()
    monty = os.path.abspath(opts.monty)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = os.path.realpath(tmp)
        for g in opts.groups:
            {"args": group_args, "run": group_run, "examples": group_examples,
             "tracebacks": group_tracebacks, "markers": group_markers}[g](monty, tmp)
    if FAILURES:
        print(f"\n{len(FAILURES)} failed: " + ", ".join(FAILURES))
        return 1
    print("\nall passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
