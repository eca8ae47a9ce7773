#!/usr/bin/env python3
"""Compare monty with CPython on the benchmark programs in bench/.

Runs every selected program with build/cli/monty and with the real CPython
binary, interleaved (monty, CPython, monty, CPython, ...) so that drift of a
shared machine hits both alike, checks the two print the same output, and
reports median wall times and their ratio.

  python3 bench/run.py                      # all benchmarks, 5 rounds
  python3 bench/run.py fib loops -n 9       # some benchmarks, 9 rounds
  python3 bench/run.py --json > out.json    # machine-readable

ratio = CPython ms / monty ms: above 1 means monty is faster.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def real_python(launcher):
    # `python3` may be a pyenv shim that adds ~0.3 s per start; time the
    # interpreter it resolves to instead.
    out = subprocess.run([launcher, "-c", "import sys; print(sys.executable)"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def run_once(cmd, timeout):
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    elapsed = time.perf_counter() - start
    return elapsed * 1000.0, p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n", 2)[2])
    ap.add_argument("benchmarks", nargs="*",
                    help="names (fib, loops, ...) or paths; default: every bench/*.py")
    ap.add_argument("-n", "--rounds", type=int, default=5, help="runs of each program (default 5)")
    ap.add_argument("--monty", default=os.path.join(ROOT, "build", "cli", "monty"),
                    help="monty binary (default build/cli/monty)")
    ap.add_argument("--python", default="python3",
                    help="CPython launcher; its sys.executable is what gets timed")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per run (default 120)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    opts = ap.parse_args()
    if opts.rounds < 1:
        ap.error("--rounds must be at least 1")

    if not os.path.isfile(opts.monty):
        sys.exit(f"run.py: {opts.monty} not found (build it: bash scripts/build.sh)")
    python = real_python(opts.python)

    names = opts.benchmarks or sorted(
        f[:-3] for f in os.listdir(HERE) if f.endswith(".py") and f != "run.py")
    programs = []
    for name in names:
        path = name if name.endswith(".py") else os.path.join(HERE, name + ".py")
        if not os.path.isfile(path):
            sys.exit(f"run.py: no benchmark {name!r} ({path})")
        programs.append((os.path.basename(path)[:-3], path))

    results = []
    failed = False
    for name, path in programs:
        engines = {"monty": [opts.monty, path], "cpython": [python, path]}
        times = {e: [] for e in engines}
        outputs = {e: None for e in engines}
        error = None
        for _ in range(opts.rounds):
            for engine, cmd in engines.items():
                ms, rc, out, err = run_once(cmd, opts.timeout)
                if rc != 0:
                    error = f"{engine} exited with status {rc}: " + \
                        err.decode("utf-8", "replace").strip().split("\n")[-1]
                    break
                if outputs[engine] is None:
                    outputs[engine] = out
                elif outputs[engine] != out:
                    error = f"{engine} printed different output on another run"
                    break
                times[engine].append(ms)
            if error:
                break
        if not error and outputs["monty"] != outputs["cpython"]:
            error = "outputs differ: monty {!r} vs CPython {!r}".format(
                outputs["monty"][:80], outputs["cpython"][:80])
        row = {"benchmark": name}
        if error:
            failed = True
            row["error"] = error
        else:
            row["monty_ms"] = statistics.median(times["monty"])
            row["cpython_ms"] = statistics.median(times["cpython"])
            row["ratio"] = row["cpython_ms"] / row["monty_ms"]
            row["monty_runs_ms"] = times["monty"]
            row["cpython_runs_ms"] = times["cpython"]
        results.append(row)
        if not opts.json:
            print(f"  {name}: " + (error or "{:.0f} ms vs {:.0f} ms".format(
                row["monty_ms"], row["cpython_ms"])), file=sys.stderr)

    ratios = [r["ratio"] for r in results if "ratio" in r]
    geomean = math.exp(sum(math.log(x) for x in ratios) / len(ratios)) if ratios else None

    if opts.json:
        json.dump({"rounds": opts.rounds, "monty": opts.monty, "cpython": python,
                   "cpython_version": sys.version.split()[0] if python == sys.executable
                   else subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"],
                                       capture_output=True, text=True).stdout.strip(),
                   "results": results, "geomean_ratio": geomean}, sys.stdout, indent=2)
        print()
    else:
        print("| benchmark | monty ms | CPython ms | ratio (CPython/monty) |")
        print("|---|---:|---:|---:|")
        for r in results:
            if "error" in r:
                cell = r["error"].replace("|", "\\|").replace("\n", " ")
                print(f"| {r['benchmark']} | error | | {cell} |")
            else:
                print(f"| {r['benchmark']} | {r['monty_ms']:.0f} | {r['cpython_ms']:.0f} | "
                      f"{r['ratio']:.2f} |")
        if geomean is not None:
            print(f"| **geometric mean** | | | **{geomean:.2f}** |")
        print(f"\nmedian of {opts.rounds} interleaved runs each, wall time including process "
              f"start; ratio > 1 means monty is faster.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
