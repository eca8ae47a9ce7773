#!/usr/bin/env python3
"""Behaviour tests of `monty start`, `monty resume` and `monty repl` (ctest: cli/pause, cli/limits,
cli/repl, cli/session, cli/compat).

  python3 tests/cli/test_pause.py --monty build/cli/monty [group ...]

Every resume runs in a new process from the snapshot file alone, the way a
host answers a pause hours later on another machine. CPython (running this
script) is the oracle: the same program with the external function defined
in Python must print the same output.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

FAILURES = []


def run(monty, args, stdin=None, timeout=30):
    try:
        p = subprocess.run([monty] + args, input=stdin, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "", f"(killed after {timeout} s)"
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check(name, cond, detail=""):
    if cond:
        print(f"ok   {name}")
    else:
        print(f"FAIL {name}\n     {detail}")
        FAILURES.append(name)


def split_status(out):
    """Program output and the parsed status line (the last line of stdout)."""
    lines = out.split("\n")
    assert lines[-1] == "", out
    return "\n".join(lines[:-2]) + ("\n" if len(lines) > 2 else ""), json.loads(lines[-2])


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def drive(monty, tmp, path, answer, extra=(), externs=("fetch",), limit=100):
    """start, then resume in new processes until complete; returns (output, calls, status, rc)."""
    snap = os.path.join(tmp, "drive.bin")
    args = ["start", path, "--snapshot", snap] + [a for e in externs for a in ("--extern", e)] + list(extra)
    rc, out, err = run(monty, args)
    output, calls = "", []
    for _ in range(limit):
        body, status = split_status(out)
        output += body
        if rc != 3:
            return output, calls, status, rc, err
        calls.append(status)
        rc, out, err = run(monty, ["resume", snap, "--snapshot", snap] + answer(status))
    raise AssertionError("too many pauses")


THREE_DEEP = """\
def leaf(i):
    return fetch(i, scale=10)

def middle(i):
    return leaf(i) + 1

def top(i):
    return middle(i) * 2

total = 0
for i in range(4):
    r = top(i)
    print('step', i, r)
    total += r
print('total', total)
"""


def group_pause(monty, tmp):
    path = write(tmp, "deep.py", THREE_DEEP)
    # CPython with fetch defined is the oracle for the whole run.
    oracle = subprocess.run([sys.executable, "-c", "def fetch(i, scale):\n    return i * scale\n" + THREE_DEEP],
                            capture_output=True, text=True).stdout
    output, calls, status, rc, err = drive(
        monty, tmp, path, lambda s: ["--value", json.dumps(s["args"][0] * s["kwargs"]["scale"])])
    check("three deep in a loop: output after resumes in new processes", output == oracle, f"{output!r} vs {oracle!r}")
    check("three deep: one pause per call", [c["call_id"] for c in calls] == [1, 2, 3, 4], calls)
    check("three deep: pending call as JSON",
          calls[0] == {"kind": "call", "function": "fetch", "args": [0], "kwargs": {"scale": 10}, "call_id": 1},
          calls[0])
    check("three deep: complete status", rc == 0 and status == {"kind": "complete", "value": None}, (rc, status, err))

    # The value of the last expression is reported.
    p = write(tmp, "value.py", "x = fetch('a')\n[x, {'k': (1, 2.5)}, None, 'é']\n")
    _, _, status, rc, _ = drive(monty, tmp, p, lambda s: ["--value", '{"n": [1, 2]}'])
    check("complete value", status == {"kind": "complete", "value": [{"n": [1, 2]}, {"k": [1, 2.5]}, None, "é"]},
          status)

    # Errors from the host.
    p = write(tmp, "caught.py", "try:\n    fetch(1)\nexcept ValueError as e:\n    print('caught', e)\n")
    output, _, status, rc, _ = drive(monty, tmp, p, lambda s: ["--error", "ValueError:bad value: 42"])
    check("host error caught by the program", output == "caught bad value: 42\n" and rc == 0, (output, rc))
    p = write(tmp, "uncaught.py", "def f():\n    return fetch(1)\nf()\n")
    output, _, status, rc, err = drive(monty, tmp, p, lambda s: ["--error", "KeyError:k"])
    check("host error uncaught: status 1 and traceback", rc == 1 and err.startswith("Traceback") and
          err.rstrip().endswith("KeyError: 'k'") and 'line 2, in f' in err, (rc, err))
    check("host error uncaught: status line",
          status == {"kind": "error", "type": "KeyError", "message": "'k'"}, status)

    # Name lookups.
    p = write(tmp, "lookup.py", "print(config + 1)\nprint(config)\n")
    output, calls, status, rc, _ = drive(monty, tmp, p, lambda s: ["--value", "41"], extra=["--pause-on-undefined"],
                                         externs=())
    check("name lookup pause", calls == [{"kind": "name_lookup", "name": "config", "call_id": 1}], calls)
    check("name lookup value", output == "42\n41\n" and rc == 0, (output, rc))
    output, calls, status, rc, err = drive(monty, tmp, p, lambda s: ["--undefined"], extra=["--pause-on-undefined"],
                                           externs=())
    check("name lookup undefined", rc == 1 and err.rstrip().endswith("NameError: name 'config' is not defined"), err)
    rc, out, err = run(monty, ["start", p])
    check("undefined name without --pause-on-undefined",
          rc == 1 and "NameError" in err and json.loads(out.splitlines()[-1])["kind"] == "error", (rc, out, err))

    # Time slices: the same number of pauses on every run.
    p = write(tmp, "slices.py", "i = 0\nwhile i < 10000:\n    i += 1\nprint(i)\n")
    counts = []
    for _ in range(2):
        output, calls, status, rc, _ = drive(monty, tmp, p, lambda s: ["--value", "null"],
                                             extra=["--pause-every", "1000"], externs=())
        counts.append(len(calls))
        check("time slice pauses are yields", all(c["kind"] == "yield" for c in calls) and output == "10000\n", calls)
    check("time slice count deterministic", counts[0] == counts[1] and 9 <= counts[0] <= 10, counts)

    # The status line always starts a line; --status FILE keeps stdout clean.
    p = write(tmp, "nonl.py", "print('partial', end='')\nfetch()\n")
    rc, out, _ = run(monty, ["start", p, "--extern", "fetch"])
    check("status after output without newline", rc == 3 and out.startswith("partial\n{"), out)
    status_file = os.path.join(tmp, "status.json")
    rc, out, _ = run(monty, ["start", p, "--extern", "fetch", "--status", status_file])
    with open(status_file) as f:
        st = json.loads(f.read())
    check("--status FILE", rc == 3 and out == "partial" and st["function"] == "fetch", (out, st))

    # Determinism: the same program paused at the same point dumps the same
    # bytes; resuming one snapshot twice with the same answer does too.
    snaps = []
    for i in range(2):
        s = os.path.join(tmp, f"det{i}.bin")
        run(monty, ["start", path, "--extern", "fetch", "--snapshot", s])
        with open(s, "rb") as f:
            snaps.append(f.read())
    check("dumps are deterministic", snaps[0] == snaps[1] and len(snaps[0]) > 0)
    nexts = []
    for i in range(2):
        s = os.path.join(tmp, f"next{i}.bin")
        run(monty, ["resume", os.path.join(tmp, "det0.bin"), "--value", "5", "--snapshot", s])
        with open(s, "rb") as f:
            nexts.append(f.read())
    check("resumed dumps are deterministic", nexts[0] == nexts[1] and nexts[0] != snaps[0])

    # Damaged snapshots are refused with a clear error, never a crash.
    good = snaps[0]
    damaged = {"empty": b"", "truncated": good[: len(good) // 2], "garbage": b"\x93\x01\x02\x03" * 50,
               "text": b"hello world", "flipped tail": good[:-8] + bytes(b ^ 0xFF for b in good[-8:])}
    for i in range(0, len(good), max(1, len(good) // 25)):
        damaged[f"byte {i}"] = good[:i] + bytes([good[i] ^ 0x5A]) + good[i + 1:]
    crashes = []
    for name, data in damaged.items():
        s = os.path.join(tmp, "damaged.bin")
        with open(s, "wb") as f:
            f.write(data)
        rc, out, err = run(monty, ["resume", s, "--value", "1"])
        # A flipped byte inside a value may still be a valid snapshot; what
        # must never happen is a crash or a hang.
        if rc is None or rc < 0 or rc not in (0, 1, 2, 3):
            crashes.append((name, rc, err[-200:]))
        if name in ("empty", "truncated", "garbage", "text"):
            check(f"damaged snapshot refused: {name}", rc == 2 and err.startswith("monty: invalid snapshot"), err)
    check("damaged snapshots never crash", not crashes, crashes)
    rc, _, err = run(monty, ["resume", os.path.join(tmp, "nope.bin"), "--value", "1"])
    check("missing snapshot", rc == 2 and "can't open snapshot" in err, err)

    # Usage errors.
    snap = os.path.join(tmp, "det0.bin")
    for name, args in [("no answer", ["resume", snap]), ("two answers", ["resume", snap, "--value", "1", "--undefined"]),
                       ("no snapshot", ["resume", "--value", "1"]), ("limits on resume", ["resume", snap, "--value", "1", "--max-memory", "1M"]),
                       ("bad --error", ["resume", snap, "--error", "not a type:x"]),
                       ("--extern on plain run", ["--extern", "f", "-c", "pass"]),
                       ("bad --pause-every", ["start", "-c", "pass", "--pause-every", "0"]),
                       ("--undefined on a call", ["resume", snap, "--undefined"])]:
        rc, out, err = run(monty, args)
        check(f"usage error: {name}", rc == 2 and out == "" and err.startswith("monty: "), (rc, out, err))


def group_limits(monty, tmp):
    cases = [
        ("--max-duration", ["--max-duration", "200"], "while True:\n    pass\n", "TimeoutError: time limit exceeded: "),
        ("--max-instructions", ["--max-instructions", "5000"], "while True:\n    pass\n",
         "TimeoutError: instruction limit exceeded: 5000 instructions"),
        ("--max-memory", ["--max-memory", "1M"], "x = []\nwhile True:\n    x.append('x' * 100)\n",
         "MemoryError: memory limit exceeded: "),
        ("--max-allocations", ["--max-allocations", "1000"], "x = []\nwhile True:\n    x.append([])\n",
         "MemoryError: allocation limit exceeded: "),
        ("--max-recursion", ["--max-recursion", "30"], "def f():\n    f()\nf()\n",
         "RecursionError: maximum recursion depth exceeded"),
        ("--safe", ["--safe"], "'x' * 10**10", "MemoryError: memory limit exceeded: "),
        # A small, deeply shared tuple whose repr is exponentially long: the
        # repr's text counts toward the instruction budget.
        ("--max-instructions (repr)", ["--max-instructions", "100000"],
         "t = ()\nfor k in range(1, 21):\n    t = (t, k) * k\nprint(t)\n",
         "TimeoutError: instruction limit exceeded: 100000 instructions"),
    ]
    for mode in ([], ["start"]):
        for name, flags, code, message in cases:
            rc, out, err = run(monty, mode + flags + ["-c", code], timeout=20)
            last = err.rstrip("\n").split("\n")[-1]
            check(f"{' '.join(mode) or 'run'} {name}", rc == 1 and last.startswith(message), (rc, last))
    rc, out, err = run(monty, ["--max-recursion", "30", "-c",
                               "def f():\n    f()\ntry:\n    f()\nexcept RecursionError:\n    print('caught')\n"])
    check("RecursionError is catchable", rc == 0 and out == "caught\n", (rc, out, err))
    rc, out, err = run(monty, ["--max-duration", "100", "-c", "try:\n    while True:\n        pass\nexcept TimeoutError:\n"
                               "    print('caught')\n"])
    check("time limit cannot be caught", rc == 1 and out == "" and "TimeoutError" in err, (rc, out, err))
    # Host time between pauses is not interpreter time.
    p = write(tmp, "slow_host.py", "import math\nfor i in range(3):\n    fetch(i)\nprint('done')\n")
    snap = os.path.join(tmp, "slow.bin")
    rc, out, _ = run(monty, ["start", p, "--extern", "fetch", "--max-duration", "300", "--snapshot", snap])
    import time
    while rc == 3:
        time.sleep(0.2)
        rc, out, err = run(monty, ["resume", snap, "--value", "null", "--snapshot", snap])
    check("host time not counted across resumes", rc == 0 and out.startswith("done\n"), (rc, out))


def group_repl(monty, tmp):
    session = ("x = 10\n"
               "x * 2\n"
               "def sq(n):\n"
               "    return n * n\n"
               "\n"
               "sq(x)\n"
               "y = 1\n"
               "1 / 0\n"
               "y + x\n"
               "class P:\n"
               "    def __repr__(self):\n"
               "        return 'P()'\n"
               "\n"
               "P()\n"
               "None\n"
               "[i for i in (\n"
               "  1, 2)]\n"
               "'text'\n"
               "print('printed')\n"
               "z = 5; undefined_name\n"
               "z\n"
               "if z:\n"
               "    print('block')\n"
               "\n"
               "s = '''a\n"
               "b'''\n"
               "s\n"
               "1 +* 2\n"
               "x\n")
    rc, out, err = run(monty, ["repl"], stdin=session.encode())
    want = "20\n100\n11\nP()\n[1, 2]\n'text'\nprinted\n5\nblock\n'a\\nb'\n10\n"
    check("repl session", rc == 0 and out == want, f"{out!r}\n     {err!r}")
    check("repl traceback", "ZeroDivisionError: division by zero" in err and 'File "<stdin>", line 1, in <module>' in err,
          err)
    check("repl NameError keeps earlier assignment", "NameError: name 'undefined_name' is not defined" in err, err)
    check("repl SyntaxError", "SyntaxError" in err, err)
    check("repl no prompts when piped", ">>>" not in err, err)
    rc, out, err = run(monty, ["repl"], stdin=b"print(1)\nraise SystemExit(4)\nprint(2)\n")
    check("repl SystemExit", rc == 4 and out == "1\n", (rc, out))
    rc, out, err = run(monty, ["repl", "--max-memory", "1M"],
                       stdin=b"keep = 'kept'\nx = []\nwhile True:\n    x.append('y' * 100)\n\nx = None\nkeep\n")
    check("repl survives a memory limit", rc == 0 and out == "'kept'\n" and "MemoryError" in err, (rc, out, err))


def cpython_repl(snippets):
    """What python3's interactive prompt prints on stdout for these snippets, in one session."""
    import code
    import contextlib
    import io
    out, err = io.StringIO(), io.StringIO()
    console = code.InteractiveInterpreter({"__name__": "__main__"})
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        for snippet in snippets:
            try:
                console.runsource(snippet, "<stdin>", "exec" if "\n" in snippet.rstrip("\n") else "single")
            except SystemExit:
                pass
    return out.getvalue(), err.getvalue()


def group_session(monty, tmp):
    """`monty repl --session FILE`: one session carried across processes."""
    sess = os.path.join(tmp, "session.bin")
    first = ("x = 10\n"
             "def sq(n):\n"
             "    return n * n\n"
             "\n"
             "class P:\n"
             "    def __init__(self, v):\n"
             "        self.v = v\n"
             "    def __repr__(self):\n"
             "        return f'P({self.v})'\n"
             "\n"
             "def make_counter():\n"
             "    n = 0\n"
             "    def bump():\n"
             "        nonlocal n\n"
             "        n += 1\n"
             "        return n\n"
             "    return bump\n"
             "\n"
             "bump = make_counter()\n"
             "bump()\n"
             "g = (i * 2 for i in range(5))\n"
             "next(g)\n"
             "try:\n"
             "    {}['k']\n"
             "except KeyError as e:\n"
             "    saved = e\n"
             "\n")
    # Process 1: snippets from stdin; the file does not exist yet.
    rc1, out1, err1 = run(monty, ["repl", "--session", sess], stdin=first.encode())
    check("session: first process", rc1 == 0 and os.path.exists(sess), (rc1, out1, err1))
    # Process 2: one snippet that raises after an assignment, and one that does not compile.
    rc2, out2, err2 = run(monty, ["repl", "--session", sess, "-c", "y = sq(x)\nbump()\n1 / 0"])
    check("session: error in between", rc2 == 1 and out2 == "" and err2.endswith(
        'Traceback (most recent call last):\n  File "<stdin>", line 3, in <module>\n'
        "ZeroDivisionError: division by zero\n"), (rc2, out2, err2))
    rc3, out3, err3 = run(monty, ["repl", "--session", sess, "-c", "z = ("])
    check("session: SyntaxError in between", rc3 == 1 and "SyntaxError" in err3, (rc3, err3))
    # Process 3: everything defined before (and the assignment before the error) is there.
    last = "sq(x)\nP(y)\nbump()\nlist(g)\nrepr(saved)\nz\n[x, y]\n"
    rc4, out4, err4 = run(monty, ["repl", "--session", sess], stdin=last.encode())
    # CPython, the same snippets in one session.
    snippets = [
        "x = 10", "def sq(n):\n    return n * n\n",
        "class P:\n    def __init__(self, v):\n        self.v = v\n    def __repr__(self):\n"
        "        return f'P({self.v})'\n",
        "def make_counter():\n    n = 0\n    def bump():\n        nonlocal n\n        n += 1\n"
        "        return n\n    return bump\n",
        "bump = make_counter()", "bump()", "g = (i * 2 for i in range(5))", "next(g)",
        "try:\n    {}['k']\nexcept KeyError as e:\n    saved = e\n",
        "y = sq(x)\nbump()\n1 / 0\n", "z = (",
        "sq(x)", "P(y)", "bump()", "list(g)", "repr(saved)", "z", "[x, y]",
    ]
    want, _ = cpython_repl(snippets)
    got = out1 + out2 + out3 + out4
    check("session: state survives three processes (CPython's output)", rc4 == 0 and got == want,
          f"{got!r}\n     want {want!r}\n     {err4!r}")
    check("session: NameError for the name the SyntaxError never assigned",
          "NameError: name 'z' is not defined" in err4, err4)
    # The same session state gives the same file.
    with open(sess, "rb") as f:
        before = f.read()
    rc, out, err = run(monty, ["repl", "--session", sess], stdin=b"")
    with open(sess, "rb") as f:
        after = f.read()
    check("session: an empty run rewrites the same bytes", rc == 0 and before == after, (rc, err))

    # -c prints an expression's repr; SystemExit keeps the state and its status.
    s2 = os.path.join(tmp, "s2.bin")
    rc, out, err = run(monty, ["repl", "--session", s2, "-c", "w = 6 * 7\nw"])
    check("session: -c value", rc == 0 and out == "42\n", (rc, out, err))
    rc, out, err = run(monty, ["repl", "--session", s2, "-c", "w += 1\nraise SystemExit(3)"])
    check("session: SystemExit status", rc == 3, (rc, out, err))
    rc, out, err = run(monty, ["repl", "--session", s2, "-c", "w"])
    check("session: kept after SystemExit", rc == 0 and out == "43\n", (rc, out, err))

    # Limits are the session's: given at creation, kept, refused later.
    s3 = os.path.join(tmp, "s3.bin")
    rc, out, err = run(monty, ["repl", "--session", s3, "--max-memory", "1M", "-c", "keep = 'kept'"])
    check("session: created with a limit", rc == 0, (rc, err))
    rc, out, err = run(monty, ["repl", "--session", s3, "-c",
                               "x = []\nwhile True:\n    x.append('y' * 100)\n"], timeout=30)
    check("session: the limit is kept", rc == 1 and "MemoryError: memory limit exceeded" in err, (rc, err))
    rc, out, err = run(monty, ["repl", "--session", s3, "-c", "x = None\nkeep"])
    check("session: survives the limit", rc == 0 and out == "'kept'\n", (rc, out, err))
    rc, out, err = run(monty, ["repl", "--session", s3, "--max-memory", "2M", "-c", "1"])
    check("session: limit options on an existing session", rc == 2 and "keeps the limits" in err, (rc, err))

    # Files that are not sessions, and a session that cannot be written.
    bad = write(tmp, "bad.bin", "not a session")
    rc, out, err = run(monty, ["repl", "--session", bad, "-c", "1"])
    check("session: invalid file", rc == 2 and "monty: invalid session" in err and "bad magic" in err, (rc, err))
    prog = write(tmp, "prog.py", "fetch(1)\n")
    snap = os.path.join(tmp, "paused.bin")
    run(monty, ["start", prog, "--extern", "fetch", "--snapshot", snap])
    rc, out, err = run(monty, ["repl", "--session", snap, "-c", "1"])
    check("session: a paused execution is not a session", rc == 2 and
          "this is a paused execution, not a REPL session" in err, (rc, err))
    rc, out, err = run(monty, ["resume", sess, "--value", "1"])
    check("session: resume refuses a session", rc == 2 and "this is a REPL session" in err, (rc, err))
    nowhere = os.path.join(tmp, "no-such-dir", "s.bin")
    rc, out, err = run(monty, ["repl", "--session", nowhere, "-c", "print('ran')"])
    check("session: unwritable file", rc == 2 and out == "ran\n" and "can't write session" in err, (rc, out, err))
    rc, out, err = run(monty, ["repl", "--session", tmp, "-c", "1"])
    check("session: a directory", rc == 2 and "can't open session" in err, (rc, err))
    rc, out, err = run(monty, ["repl", "--session"])
    check("session: needs a file name", rc == 2 and "argument expected" in err, (rc, err))


SNAPSHOTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "snapshots")


# Host calls inside builtins that consume a generator or a map (consumer
# frames, core/src/runtime/consumers.h). fetch(x) is answered with FETCH(x);
# a str x answers x.upper(), except "bad" (ValueError) and "int" (an int).
FETCH = """\
def fetch(x):
    if x == "bad":
        raise ValueError("no " + x)
    if x == "int":
        return 7
    return x.upper() if isinstance(x, str) else x * 10
"""

CONSUMERS = {
    "sum": "print(sum(fetch(x) for x in range(4)))\nprint(sum((fetch(x) for x in [1, 2]), 5))\n"
           "print(sum(fetch(x) for x in []), sum((fetch(x) for x in [0.5]), True))\n",
    "list_map": "urls = ['a', 'b', 'c']\nprint(list(map(fetch, urls)))\nprint(tuple(fetch(u) for u in urls))\n"
                "print(sorted(set(fetch(u) for u in urls + ['a'])), frozenset(map(fetch, ['z'])))\n",
    "sorted": "print(sorted((fetch(x) for x in [3, 1, 2]), reverse=True))\n"
              "print(sorted(map(fetch, ['bb', 'a', 'ccc']), key=len))\n",
    "join": "print(', '.join(fetch(w) for w in ['x', 'y']))\nprint('-'.join(map(fetch, [])))\n",
    "min_max": "print(max(fetch(x) for x in [4, 9, 2]), min(map(fetch, [4, 9, 2])))\n"
               "print(max((fetch(w) for w in ['aa', 'b', 'cccc']), key=len))\n"
               "print(min((fetch(x) for x in []), default='none'))\n",
    "any_all": "seen = []\ndef f(x):\n    seen.append(x)\n    return fetch(x) > 15\n"
               "print(any(f(x) for x in [1, 2, 3]), seen)\nseen.clear()\n"
               "print(all(f(x) for x in [2, 1, 3]), seen)\nprint(any(map(f, [])), all(map(f, [])))\n",
    "for_map": "def g(x):\n    return fetch(x) + 1\nfor r in map(g, [1, 2, 3]):\n    print('got', r)\n"
               "    if r > 15:\n        break\nm = map(fetch, [5, 6, 7])\nprint(next(m), list(m))\n",
    "nested": "def gen(xs):\n    for x in xs:\n        yield fetch(x)\n"
              "print(sum(fetch(y // 10) for y in gen([1, 2])))\nprint(list(map(fetch, [x for x in gen([3])])))\n"
              "print([sum(fetch(x) for x in range(i)) for i in range(3)])\n",
    "adaptors": "urls = ['a', 'bb', 'ccc', 'dd']\nfor i, page in enumerate(fetch(u) for u in urls):\n    print(i, page)\n"
                "print(list(filter(lambda u: len(fetch(u)) > 1, urls)))\n"
                "print(list(map(len, (fetch(u) for u in urls))))\n"
                "print(sum(1 for _ in filter(None, (fetch(u) for u in ['', 'x']))))\n"
                "print(next(enumerate(map(fetch, urls), 5)))\n"
                "for n, u in enumerate(filter(lambda u: fetch(u) != 'BB', urls), start=1):\n    print(n, u)\n"
                "e = enumerate(fetch(u) for u in ['z'])\nprint(list(e), list(e))\n"
                "def stop(u):\n    if fetch(u) == 'CCC':\n        raise StopIteration\n    return u\n"
                "print(list(filter(stop, urls)), list(map(stop, (u for u in urls))))\n",
    "dict": "urls = ['a', 'bb']\nprint(dict((u, fetch(u)) for u in urls))\n"
            "print(dict(((u, len(fetch(u))) for u in urls), extra=1, a=0))\n"
            "try:\n    dict(fetch(u) for u in ['ab', 'c'])\nexcept ValueError as e:\n    print(e)\n"
            "try:\n    dict(map(fetch, [1]))\nexcept TypeError as e:\n    print(e)\n",
    "next_stop_values": 'fetch(0)\ndef g():\n    yield 1\n    return 5\ndef h():\n    return 7\n    yield\nit = g(); next(it)\ntry:\n    next(it)\nexcept StopIteration as e:\n    print("direct", e.args)\nit = g(); next(it)\ntry:\n    next(map(str, it))\nexcept StopIteration as e:\n    print("via map", e.args)\nz = list(zip(h(), [1]))\ntry:\n    next(map(fetch, []))\nexcept StopIteration as e:\n    print("empty map", e.args)\ntry:\n    next(x for x in h())\nexcept StopIteration as e:\n    print("genexp over h", e.args)\n',
    "zip": 'urls = ["a", "bb", "ccc"]\nfor u, page in zip(urls, map(fetch, urls)):\n    print(u, page)\nprint(list(zip((fetch(u) for u in urls), "xy")))\nprint(dict(zip(urls, (fetch(u) for u in urls))))\ntry:\n    list(zip(urls, (fetch(u) for u in urls[:2]), strict=True))\nexcept ValueError as e:\n    print(e)\ntry:\n    list(zip((fetch(u) for u in urls[:2]), urls, strict=True))\nexcept ValueError as e:\n    print(e)\nprint(list(zip(map(fetch, []), urls)))\nz = zip(map(fetch, urls), [1])\nprint(list(z), list(z))\n',
    "keys": "urls = ['bb', 'a', 'ccc', 'dd']\n"
            "print(sorted(urls, key=lambda u: fetch(u)), sorted(urls, key=fetch, reverse=True))\n"
            "print(sorted((fetch(u) for u in urls), key=len), sorted(map(fetch, urls), key=lambda p: fetch(p[0])))\n"
            "print(max(urls, key=fetch), min((fetch(u) for u in urls), key=lambda p: fetch(p.lower())))\n"
            "print(max([], key=fetch, default='none'), min(['x'], key=fetch))\n"
            "try:\n    sorted(urls, key=fetch, bad=1)\nexcept TypeError as e:\n    print(e)\n"
            "try:\n    max(['a', 'int'], key=fetch)\nexcept TypeError as e:\n    print(e)\n",
    "iterator_class": 'class Pages:\n    def __init__(self, urls):\n        self.urls = list(urls)\n\n    def __iter__(self):\n        return self\n\n    def __next__(self):\n        if not self.urls:\n            raise StopIteration\n        return fetch(self.urls.pop(0))\n\n\nfor page in Pages(["a", "bb"]):\n    print("page", page)\nprint([p for p in Pages(["c"])], list(zip(Pages(["d", "e"]), "xy")))\nit = Pages(["f", "g"])\nfor p in it:\n    print(p)\n    break\nprint(next(it), [p for p in it])\n\n\nclass Bad:\n    def __iter__(self):\n        return self\n\n    def __next__(self, extra):\n        return 1\n\n\ntry:\n    for x in Bad():\n        pass\nexcept TypeError as e:\n    print(e)\n\n\nclass Catalog:\n    """An iterable whose __iter__ is a generator that calls the host."""\n\n    def __init__(self, ids):\n        self.ids = ids\n\n    def __iter__(self):\n        for i in self.ids:\n            yield fetch(i)\n\n\nprint(list(Pages(["h", "i"])), sorted(Catalog(["k", "j"])), ",".join(Catalog(["l"])))\nprint(max(Pages(["mm", "n"]), key=len), any(p == "O" for p in Catalog(["o"])), set(Pages(["p"])))\n',
    "list_sort": "urls = ['bb', 'a', 'ccc', 'dd']\nurls.sort(key=fetch)\nprint(urls)\n"
                 "urls.sort(key=lambda u: fetch(u[::-1]), reverse=True)\nprint(urls)\n"
                 "xs = [3, 1, 2]\nxs.sort(key=lambda x: -fetch(x))\nprint(xs)\n"
                 "seen = []\ndef spy(u):\n    seen.append(list(words))\n    return fetch(u)\n"
                 "words = ['b', 'a']\nwords.sort(key=spy)\nprint(words, seen)\n"
                 "def grow(u):\n    words.append('zz')\n    return fetch(u)\n"
                 "try:\n    words.sort(key=grow)\nexcept ValueError as e:\n    print(e, words)\n"
                 "try:\n    words.sort(key=lambda u: (words.append(u), fetch('bad' if u == 'b' else u)))\n"
                 "except ValueError as e:\n    print(e, words)\n"
                 "mixed = ['b', 'int', 'a']\ntry:\n    mixed.sort(key=fetch)\nexcept TypeError as e:\n    print(e, mixed)\n"
                 "try:\n    mixed.sort(key=fetch, reverse='x')\nexcept TypeError as e:\n    print(e, mixed)\n"
                 "class L(list):\n    pass\nl = L(['c', 'a'])\nl.sort(key=fetch, reverse=True)\nprint(l, type(l).__name__)\n"
                 "e = []\ne.sort(key=fetch)\nprint(e, sorted([2, 1], key=fetch))\n",
    "sort_error": "words = ['a', 'int']\nwords.sort(key=lambda w: fetch(w))\n",
    "property": "class Doc:\n    def __init__(self, url):\n        self.url = url\n\n"
                "    @property\n    def body(self):\n        return fetch(self.url)\n\n"
                "    @property\n    def size(self):\n        return len(self.body)\n\n"
                "docs = [Doc('a'), Doc('bb')]\nprint(docs[0].body, [d.body for d in docs], sum(d.size for d in docs))\n"
                "try:\n    Doc('bad').size\nexcept ValueError as e:\n    print('caught', e)\n"
                "Doc('int').size\n",
    "lru_cache": "from functools import cache, lru_cache\n@cache\ndef price(item):\n    return len(fetch(item))\n"
                 "@lru_cache(maxsize=1)\ndef total(n):\n    return 0 if n == 0 else price('ab'[n % 2]) + total(n - 1)\n"
                 "print(price('a'), price('a'), price('bb'), price.cache_info())\n"
                 "print(total(5), total.cache_info(), price.cache_info())\n"
                 "print(sum(price(w) for w in ['x', 'a', 'yy']), sorted(['zzz', 'a'], key=price))\n",
    "collections": "from collections import Counter, OrderedDict, defaultdict, namedtuple\n"
                   "Page = namedtuple('Page', 'url body')\npages = [Page(u, fetch(u)) for u in ['a', 'bb', 'a']]\n"
                   "counts = Counter(p.body for p in pages)\nby_len = defaultdict(list)\n"
                   "for p in pages:\n    by_len[len(fetch(p.url))].append(p.url)\n"
                   "od = OrderedDict((p.url, p) for p in pages)\nod.move_to_end('a', last=False)\n"
                   "print(pages[0], counts.most_common(1), by_len, od)\n"
                   "counts.update([fetch('a')])\nprint(counts, counts + Counter(fetch('bb')), pages[1]._replace(body=fetch('c')))\n",
    "deque": "from collections import deque\ntodo = deque(['a', 'b'], maxlen=5)\nseen = []\n"
             "while todo:\n    page = fetch(todo.popleft())\n    seen.append(page)\n"
             "    if len(seen) < 4:\n        todo.append(page.lower() * 2)\n        todo.appendleft(fetch('x'))\n"
             "print(seen, todo, todo.maxlen)\nwindow = deque(maxlen=2)\nfor u in 'pqr':\n    window.append(fetch(u))\nprint(window)\n",
    "dataclasses": "from dataclasses import asdict, dataclass, field, replace\n"
                   "@dataclass(order=True)\nclass Page:\n    url: str\n    body: str = ''\n"
                   "    links: list = field(default_factory=list)\n"
                   "pages = [Page(u, fetch(u)) for u in ['b', 'a']]\npages[0].links.append(fetch('c'))\n"
                   "print(sorted(pages), asdict(pages[0]), replace(pages[1], body=fetch('z')))\n"
                   "@dataclass(frozen=True)\nclass Key:\n    name: str\n"
                   "seen = {Key(fetch('k')): 1}\nprint(seen, Key('K') in seen)\n",
    "enum": "from enum import Enum, IntEnum, auto\nclass State(Enum):\n    NEW = 'new'\n    DONE = 'done'\n"
            "class Prio(IntEnum):\n    LOW = auto()\n    HIGH = auto()\n"
            "jobs = {State(fetch('new').lower()): Prio.LOW}\njobs[State.DONE] = Prio(len(fetch('ab')))\n"
            "print(jobs, list(State), Prio.HIGH + 1, State['NEW'] is State.NEW)\n",
    "abc": "from abc import ABC, abstractmethod\nclass Store(ABC):\n    @abstractmethod\n    def get(self, k): ...\n"
           "class Web(Store):\n    def get(self, k):\n        return fetch(k)\n"
           "print(Web().get('a'), Store.__abstractmethods__)\n"
           "try:\n    Store()\nexcept TypeError as e:\n    print(e)\n",
    "re": "import re\npat = re.compile(r'(?P<user>\\w+)@(\\w+)', re.I)\nm = pat.search('mail joe@site now')\n"
          "body = fetch(m.group('user'))\nprint(body, m.span(), m['user'], m.groupdict(), pat, re.I | re.M, m)\n"
          "print(pat.sub(r'\\2 at \\1', fetch('a@b')), re.findall(r'[A-Z]', body), m.re is pat)\n",
    "datetime": "from datetime import date, datetime, timedelta, timezone\n"
                "start = datetime.fromisoformat('2024-01-31T05:06:07+02:00')\nday = date(2024, 2, 28)\n"
                "step = timedelta(hours=len(fetch('abc')))\nprint(start + step, day + timedelta(days=len(fetch('x'))))\n"
                "print(repr(start.astimezone(timezone.utc)), (start - datetime(2024, 1, 1, tzinfo=timezone.utc)) / step)\n"
                "print(datetime.strptime(fetch('2024-05-06'), '%Y-%m-%d').strftime('%A %d %B %Y'))\n",
    "random": "import random\nrandom.seed(7)\nrng = random.Random(11)\nfirst = [random.random(), rng.randint(1, 99)]\n"
              "deck = list(range(10))\nrandom.shuffle(deck)\nword = fetch('abc')\n"
              "print(first, deck, random.choice(word), rng.sample(range(100), 3), random.gauss(0, 1) > -10)\n",
    # yield from runs the delegate's frame on top of the delegating one:
    # host calls inside pause, and the snapshot holds the chain.
    "yield_from": "def pages(urls):\n    for u in urls:\n        got = yield fetch(u)\n        if got:\n"
                  "            print('sent', got)\n    return fetch('int')\n"
                  "def book():\n    n = yield from pages(['a', 'bb'])\n    print('chapter', n)\n"
                  "    m = yield from pages(['c'])\n    yield n + m\n"
                  "print(list(book()))\nb = book()\nprint(next(b), next(b))\n"
                  "def deep(k):\n    if k:\n        return (yield from deep(k - 1)) + 1\n    yield fetch(k)\n"
                  "    return 0\nfor v in deep(3):\n    print('deep', v)\n"
                  "def failing():\n    yield from pages(['ok', 'int'])\n"
                  "try:\n    print(sum(len(p) for p in failing()))\nexcept ValueError as e:\n    print('caught', e)\n",
    "yield_from_error": "def pages(urls):\n    for u in urls:\n        yield len(fetch(u))\n"
                        "def book():\n    yield from pages(['ok', 'int'])\n"
                        "for p in book():\n    print(p)\n",
    # asyncio: host calls inside tasks, gathered coroutines, awaited chains,
    # timers and cancellation pause the whole loop (a frame), which resumes
    # from the snapshot in a new process.
    "asyncio_gather": "import asyncio\nasync def get(u, delay):\n    await asyncio.sleep(delay)\n"
                      "    page = fetch(u)\n    print('got', u, page)\n    return page\n"
                      "async def main():\n    pages = await asyncio.gather(get('a', 0.02), get('bb', 0.01), get('c', 0))\n"
                      "    t = asyncio.create_task(get('dd', 0))\n    await asyncio.sleep(0)\n"
                      "    print(pages, await t, [fetch(x) for x in 'ef'])\n    return len(pages)\n"
                      "print(asyncio.run(main()))\n",
    "asyncio_chain": "import asyncio\nasync def leaf(x):\n    return fetch(x) + 1\n"
                     "async def mid(x):\n    a = await leaf(x)\n    await asyncio.sleep(0)\n    return a + await leaf(x * 2)\n"
                     "async def top():\n    r = await asyncio.wait_for(mid(1), 5)\n    s = await asyncio.gather(mid(2), leaf(3))\n"
                     "    return r, s\nprint(asyncio.run(top()))\n",
    "asyncio_cancel": "import asyncio\nlog = []\nasync def worker(u):\n    try:\n        while True:\n"
                      "            log.append(fetch(u))\n            await asyncio.sleep(0.01)\n"
                      "    except asyncio.CancelledError:\n        log.append('cancelled ' + u)\n        raise\n"
                      "async def main():\n    w = asyncio.create_task(worker('w'))\n    await asyncio.sleep(0.025)\n"
                      "    w.cancel()\n    try:\n        await w\n    except asyncio.CancelledError:\n"
                      "        log.append('main saw it')\n    try:\n        await asyncio.wait_for(worker('t'), 0.015)\n"
                      "    except asyncio.TimeoutError:\n        log.append('timeout')\n"
                      "asyncio.run(main())\nprint(log)\n",
    "asyncio_loop_object": "import asyncio\nasync def get(u):\n    await asyncio.sleep(0.01)\n    return fetch(u)\n"
                           "loop = asyncio.get_event_loop()\nt = loop.create_task(get('a'))\n"
                           "print(loop.run_until_complete(get('bb')), t.done())\n"
                           "print(loop.run_until_complete(t), loop.run_until_complete(asyncio.gather(get('c'), t)))\n",
    "asyncio_wait": "import asyncio\nasync def get(u, d):\n    await asyncio.sleep(d)\n    return fetch(u)\n"
                    "async def main():\n    ts = [asyncio.create_task(get(u, d)) for u, d in [('a', 0.02), ('bb', 0.01)]]\n"
                    "    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)\n"
                    "    print([t.result() for t in done], len(pending))\n"
                    "    for c in asyncio.as_completed([get('c', 0.02), get('d', 0.01)]):\n        print(await c)\n"
                    "asyncio.run(main())\n",
    "asyncio_error": "import asyncio\nasync def get(u):\n    await asyncio.sleep(0)\n    return len(fetch(u))\n"
                     "async def main():\n    return await asyncio.gather(get('ok'), get('int'))\n"
                     "print(asyncio.run(main()))\n",
    "caught": "try:\n    print(sum(len(fetch(w)) for w in ['ok', 'bad', 'never']))\nexcept ValueError as e:\n"
              "    print('caught', e)\ntry:\n    list(map(fetch, ['a', 'bad']))\nexcept ValueError as e:\n"
              "    print('caught', e)\n",
    "step_error": "words = ['a', 'int', 'b']\nprint(sum(fetch(w) for w in words))\n",
}


# The StopIteration rules of map (tests/cases/builtins) with a pause first, so
# that map's calls run as frames.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cases", "builtins",
                       "map_filter_stop_iteration.py")) as _f:
    CONSUMERS["map_stop_iteration"] = "fetch(0)\n" + _f.read()


def answer_fetch(status):
    x = status["args"][0]
    if x == "bad":
        return ["--error", "ValueError:no bad"]
    if x == "int":
        return ["--value", "7"]
    return ["--value", json.dumps(x.upper() if isinstance(x, str) else x * 10)]


def group_consumers(monty, tmp):
    custom = os.path.join(tmp, "oracle")
    os.makedirs(custom, exist_ok=True)
    # The oracle's fetch logs its arguments; the log is the last line of stderr.
    write(custom, "sitecustomize.py", "import atexit, builtins, sys\n" + FETCH.replace(
        "def fetch(x):\n", "def fetch(x):\n    LOG.append(x)\n") + "LOG = []\nbuiltins.fetch = fetch\n"
        "atexit.register(lambda: sys.stderr.write('CALLS ' + repr(LOG) + '\\n'))\n")
    env = dict(os.environ, PYTHONPATH=custom)
    for name, source in CONSUMERS.items():
        path = write(tmp, f"consumer_{name}.py", source)
        oracle = subprocess.run([sys.executable, path], capture_output=True, text=True, env=env)
        traceback, _, log = oracle.stderr.rpartition("CALLS ")
        # Less the frames of CPython's Python-written library (asyncio's
        # runner): monty's modules are native and have none.
        kept, in_stdlib = [], False
        for line in traceback.splitlines(keepends=True):
            if line.startswith('  File "'):
                in_stdlib = line[len('  File "'):].split('"')[0] != path
            elif not line.startswith("    "):
                in_stdlib = False
            if not in_stdlib:
                kept.append(line)
        traceback = "".join(kept)
        output, calls, status, rc, err = drive(monty, tmp, path, answer_fetch)
        check(f"consumers: {name}: output as CPython's", output == oracle.stdout, (output, oracle.stdout, err))
        check(f"consumers: {name}: the host calls of CPython's run, in its order",
              repr([c["args"][0] for c in calls]) + "\n" == log, (calls, log))
        check(f"consumers: {name}: paused for the host", len(calls) > 0, calls)
        if oracle.returncode == 0:
            check(f"consumers: {name}: completes", rc == 0 and status["kind"] == "complete", (rc, status, err))
        else:
            check(f"consumers: {name}: traceback as CPython's", rc == 1 and err == traceback,
                  (err, traceback))
    # A snapshot paused inside asyncio's loop (tasks, timers, futures, a chain
    # of coroutine frames), damaged byte by byte: refused or resumed, never a
    # crash or a hang.
    path = write(tmp, "asyncio_damaged.py", CONSUMERS["asyncio_chain"])
    snap = os.path.join(tmp, "asyncio.bin")
    run(monty, ["start", path, "--extern", "fetch", "--snapshot", snap])
    rc, _, _ = run(monty, ["resume", snap, "--value", "5", "--snapshot", snap])
    with open(snap, "rb") as f:
        good = f.read()
    crashes = []
    for i in range(0, len(good), max(1, len(good) // 300)):
        for flip in (0x01, 0x5A):
            with open(os.path.join(tmp, "damaged.bin"), "wb") as f:
                f.write(good[:i] + bytes([good[i] ^ flip]) + good[i + 1:])
            drc, _, err = run(monty, ["resume", os.path.join(tmp, "damaged.bin"), "--value", "1"])
            if drc is None or drc not in (0, 1, 2, 3):
                crashes.append((i, flip, drc, err[-200:]))
    check("asyncio: damaged snapshots never crash", rc == 3 and not crashes, (rc, crashes[:5]))

    # Not yet: __repr__ is a callback of native code (print's str()), and a
    # host call there is a clear error.
    path = write(tmp, "consumers_repr.py", "class A:\n    def __repr__(self):\n        return fetch('a')\nprint([A()])\n")
    output, calls, status, rc, err = drive(monty, tmp, path, answer_fetch)
    check("consumers: host call inside __repr__: RuntimeError",
          rc == 1 and status["type"] == "RuntimeError" and "inside a builtin callback" in status["message"],
          (rc, status))
    # Not yet: a class's __iter__ runs natively (GET_ITER, iter()), so a host
    # call there is a clear error.
    path = write(tmp, "consumers_iter.py", "class C:\n    def __iter__(self):\n        fetch('a')\n"
                 "        return iter([])\nprint(list(C()))\n")
    output, calls, status, rc, err = drive(monty, tmp, path, answer_fetch)
    check("consumers: host call in __iter__: RuntimeError",
          rc == 1 and status["type"] == "RuntimeError" and "inside a builtin callback" in status["message"],
          (rc, status))
    # Without external functions (nothing can pause) the native loops run, with the same results.
    path = write(tmp, "consumers_native.py", "def fetch(x):\n    return x * 10\n" + CONSUMERS["sum"] + CONSUMERS["nested"])
    oracle = subprocess.run([sys.executable, path], capture_output=True, text=True)
    rc, out, err = run(monty, [path])
    check("consumers: native loops without external functions", rc == 0 and out == oracle.stdout, (out, err))


# An async host function: `await fetch(x)` and gathered calls, answered with
# --awaitable. CPython's oracle defines fetch as an async def.
AWAITABLE = """\
import asyncio

async def get(u):
    page = await fetch(u)
    return page + "!"

async def main():
    first = await fetch("x")
    many = await asyncio.gather(*[fetch(u) for u in ["a", "bb"]])
    task = asyncio.create_task(get("c"))
    try:
        await fetch("bad")
    except ValueError as e:
        print("caught", e)
    pending = fetch("y")
    print(type(pending).__name__ in ("coroutine", "Future"))
    return first, many, await task, await pending

print(asyncio.run(main()))
"""


def group_awaitable(monty, tmp):
    """resume --awaitable: inside asyncio's loop an async host function's call
    is awaitable, as an async def's call is in CPython."""
    path = write(tmp, "awaitable.py", AWAITABLE)
    oracle_src = "async def fetch(x):\n    if x == 'bad':\n        raise ValueError('no ' + x)\n" \
                 "    return x.upper()\n" + AWAITABLE
    oracle = subprocess.run([sys.executable, "-c", oracle_src], capture_output=True, text=True)

    def answer(status):
        x = status["args"][0]
        if x == "bad":
            return ["--error", "ValueError:no bad", "--awaitable"]
        return ["--value", json.dumps(x.upper()), "--awaitable"]

    output, calls, status, rc, err = drive(monty, tmp, path, answer)
    check("awaitable: output as CPython's with an async fetch", rc == 0 and output == oracle.stdout,
          (rc, output, oracle.stdout, err))
    check("awaitable: one pause per call", [c["args"][0] for c in calls] == ["x", "a", "bb", "bad", "y", "c"],
          calls)
    # Outside a running loop the answer is the value itself.
    path = write(tmp, "awaitable_sync.py", "print(fetch('q'))\n")
    output, calls, status, rc, err = drive(monty, tmp, path, lambda s: ["--value", '"Q"', "--awaitable"])
    check("awaitable: outside asyncio the value as it is", rc == 0 and output == "Q\n", (output, err))
    rc, out, err = run(monty, ["resume", os.path.join(tmp, "drive.bin"), "--undefined", "--awaitable"])
    check("awaitable: not with --undefined", rc == 2 and "--awaitable goes with" in err, err)


# Deferred host calls: every call inside the loop is answered with --defer,
# and each "wait" pause with the call that CPython's async fetch (a sleep of
# DELAYS[x]) would finish first (or --let-time-pass when the loop's own
# timer comes first). The program has no sleeps of its own, so the driver's
# clock is the loop's.
DEFERRED = """\
import asyncio

async def get(u):
    page = await fetch(u)
    print("got", u)
    return page + "!"

async def main():
    pages = await asyncio.gather(get("slow"), get("mid"), get("fast"))
    print(pages)
    try:
        await asyncio.wait_for(fetch("slower"), timeout=0.05)
    except TimeoutError:
        print("timed out")
    try:
        async with asyncio.timeout(0.05):
            await get("slower")
    except TimeoutError:
        print("timeout() expired")
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(get("mid"))
        t2 = tg.create_task(fetch("fast"))
    print("group", t1.result(), t2.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(get("slow"))
            tg.create_task(fetch("bad"))
    except ExceptionGroup as eg:
        print("group failed", eg.exceptions)
    task = asyncio.create_task(fetch("bad"))
    other = asyncio.create_task(fetch("fast"))
    try:
        await task
    except ValueError as e:
        print("caught", e)
    print(await other)
    done, pending = await asyncio.wait([asyncio.create_task(get("mid")), asyncio.create_task(get("fast"))],
                                       return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), [t.result() for t in done])
    for t in pending:
        t.cancel()
    return "end"

print(asyncio.run(main()))
"""
DELAYS = {"fast": 0.01, "bad": 0.015, "mid": 0.02, "slow": 0.03, "slower": 0.1}


def group_deferred(monty, tmp):
    """resume --defer / --resolve / --reject / --let-time-pass: host calls in
    flight together, answered in the order CPython's async fetch finishes."""
    path = write(tmp, "deferred.py", DEFERRED)
    oracle_src = f"import asyncio\nDELAYS = {DELAYS!r}\n" \
                 "async def fetch(x):\n    await asyncio.sleep(DELAYS[x])\n" \
                 "    if x == 'bad':\n        raise ValueError('no ' + x)\n    return x.upper()\n" + DEFERRED
    oracle = subprocess.run([sys.executable, "-c", oracle_src], capture_output=True, text=True)
    clock = {"now": 0.0}
    finish = {}  # call_id -> (time it finishes, argument)

    def answer(status):
        if status["kind"] == "call":
            check("deferred: a call inside the loop says so", status.get("in_event_loop") is True, status)
            finish[status["call_id"]] = (clock["now"] + DELAYS[status["args"][0]], status["args"][0])
            return ["--defer"]
        assert status["kind"] == "wait", status
        first = min(finish[i][0] for i in status["waiting"])
        if status["timeout"] is not None and clock["now"] + status["timeout"] < first:
            clock["now"] += status["timeout"]
            return ["--let-time-pass"]
        clock["now"] = first
        args = []
        for i in status["waiting"]:
            when, x = finish[i]
            if when == first:
                args += ["--reject", f"{i}=ValueError:no {x}"] if x == "bad" else \
                        ["--resolve", f"{i}={json.dumps(x.upper())}"]
        return args

    output, calls, status, rc, err = drive(monty, tmp, path, answer)
    check("deferred: output as CPython's with concurrent async fetches", rc == 0 and output == oracle.stdout,
          (rc, output, oracle.stdout, err))
    kinds = [c["kind"] for c in calls]
    check("deferred: calls in flight together (three calls before the first wait)",
          kinds[:4] == ["call", "call", "call", "wait"] and calls[3]["waiting"] == [1, 2, 3], calls[:4])
    check("deferred: a wait under wait_for has the timeout",
          any(c["kind"] == "wait" and c["timeout"] == 0.05 for c in calls), calls)

    # Misuse is a usage error and leaves the snapshot as it was.
    rc, out, err = run(monty, ["start", path, "--extern", "fetch", "--snapshot", os.path.join(tmp, "d1.bin")])
    d1 = os.path.join(tmp, "d1.bin")
    rc, out, err = run(monty, ["resume", d1, "--resolve", "1=2"])
    check("deferred: --resolve answers a wait only", rc == 2 and "answer a wait pause" in err, err)
    rc, out, err = run(monty, ["resume", d1, "--defer", "--snapshot", d1])
    rc, out, err = run(monty, ["resume", d1, "--defer", "--snapshot", d1])
    rc, out, err = run(monty, ["resume", d1, "--defer", "--snapshot", d1])
    _, wait = split_status(out)
    check("deferred: the wait lists the calls", wait["kind"] == "wait" and wait["waiting"] == [1, 2, 3] and
          wait["timeout"] is None, wait)
    rc, out, err = run(monty, ["resume", d1, "--resolve", "9=1"])
    check("deferred: an unknown call id", rc == 2 and "call 9 is not one this snapshot waits for" in err, err)
    rc, out, err = run(monty, ["resume", d1, "--let-time-pass"])
    check("deferred: no timer to let pass", rc == 2 and "no timer to wait for" in err, err)
    rc, out, err = run(monty, ["resume", d1, "--resolve", "1=2", "--reject", "1=ValueError:x"])
    check("deferred: one answer per call", rc == 2 and "call 1 answered more than once" in err, err)
    rc, out, err = run(monty, ["resume", d1, "--defer"])
    check("deferred: a wait is not answered with --defer", rc == 2 and "waits for deferred calls (a wait)" in err,
          err)
    rc, out, err = run(monty, ["resume", d1, "--resolve", '1="S"', "--resolve", '2="M"', "--resolve", '3="F"'])
    body, status = split_status(out)
    check("deferred: several answers at once",
          rc == 3 and body == "got slow\ngot mid\ngot fast\n['S!', 'M!', 'F!']\n" and
          status["kind"] == "call" and status["args"] == ["slower"], (rc, body, status, err))
    # A loop dumped by a version 5 build (no list of deferred calls) defers them.
    snap = os.path.join(tmp, "v5.bin")
    with open(os.path.join(SNAPSHOTS, "v5_paused.bin"), "rb") as src, open(snap, "wb") as dst:
        dst.write(src.read())
    with open(os.path.join(SNAPSHOTS, "v5_paused.py")) as f:
        source = f.read()
    oracle = subprocess.run([sys.executable, "-c", "def fetch(x):\n    return x * 10\n" + source],
                            capture_output=True, text=True)
    args_of = {1: 1}
    answer, output, kinds = ["--defer"], "", []
    for _ in range(20):
        rc, out, err = run(monty, ["resume", snap, "--snapshot", snap] + answer)
        body, status = split_status(out)
        output += body
        kinds.append(status["kind"])
        if rc != 3:
            break
        if status["kind"] == "call":
            args_of[status["call_id"]] = status["args"][0]
            answer = ["--defer"]
        else:
            answer = [a for i in status["waiting"] for a in ("--resolve", f"{i}={args_of[i] * 10}")]
    check("deferred: a version 5 loop defers calls", rc == 0 and output == oracle.stdout and "wait" in kinds,
          (rc, output, oracle.stdout, kinds, err))

    path = write(tmp, "deferred_sync.py", "print(fetch('q'))\n")
    run(monty, ["start", path, "--extern", "fetch", "--snapshot", d1])
    rc, out, err = run(monty, ["resume", d1, "--defer"])
    check("deferred: not outside asyncio's loop", rc == 2 and "not called inside a running asyncio event loop" in err,
          err)


def group_compat(monty, tmp):
    """Snapshots written by earlier builds (older format versions) still resume.

    Each tests/cli/snapshots/NAME.bin was made by `monty start NAME.py --extern
    fetch --snapshot NAME.bin` (NAME.status.json: the status line it printed).
    Every fetch(x) is answered with x * 10; CPython with that fetch is the oracle.
    """
    names = sorted(f[:-4] for f in os.listdir(SNAPSHOTS) if f.endswith(".bin"))
    check("compat: fixtures present", names, SNAPSHOTS)
    for name in names:
        with open(os.path.join(SNAPSHOTS, name + ".py")) as f:
            source = f.read()
        oracle = subprocess.run([sys.executable, "-c", "def fetch(x):\n    return x * 10\n" + source],
                                capture_output=True, text=True)
        snap = os.path.join(tmp, name + ".bin")
        with open(os.path.join(SNAPSHOTS, name + ".bin"), "rb") as src, open(snap, "wb") as dst:
            dst.write(src.read())
        with open(os.path.join(SNAPSHOTS, name + ".status.json")) as f:
            status = json.load(f)
        output, rc, err = "", 3, ""
        for _ in range(100):
            if rc != 3:
                break
            answer = json.dumps(status["args"][0] * 10)
            rc, out, err = run(monty, ["resume", snap, "--snapshot", snap, "--value", answer])
            body, status = split_status(out)
            output += body
        check(f"compat: {name} resumes as CPython runs it",
              rc == 0 and output == oracle.stdout and status["kind"] == "complete",
              (rc, output, oracle.stdout, err))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--monty", required=True)
    ap.add_argument("groups", nargs="*",
                    default=["pause", "consumers", "awaitable", "deferred", "limits", "repl", "session",
                             "compat"])
    opts = ap.parse_args()
    monty = os.path.abspath(opts.monty)
    with tempfile.TemporaryDirectory() as tmp:
        for g in opts.groups:
            groups = {"pause": group_pause, "consumers": group_consumers, "awaitable": group_awaitable,
                      "deferred": group_deferred,
                      "limits": group_limits, "repl": group_repl,
                      "session": group_session, "compat": group_compat}
            groups[g](monty, os.path.realpath(tmp))
    if FAILURES:
        print(f"\n{len(FAILURES)} failed: " + ", ".join(FAILURES))
        return 1
    print("\nall passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
