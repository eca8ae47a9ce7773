#!/usr/bin/env python3
"""Behaviour tests of `monty start`, `monty resume` and `monty repl` (ctest: cli/pause, cli/repl).

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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--monty", required=True)
    ap.add_argument("groups", nargs="*", default=["pause", "limits", "repl"])
    opts = ap.parse_args()
    monty = os.path.abspath(opts.monty)
    with tempfile.TemporaryDirectory() as tmp:
        for g in opts.groups:
            {"pause": group_pause, "limits": group_limits, "repl": group_repl}[g](monty, os.path.realpath(tmp))
    if FAILURES:
        print(f"\n{len(FAILURES)} failed: " + ", ".join(FAILURES))
        return 1
    print("\nall passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
