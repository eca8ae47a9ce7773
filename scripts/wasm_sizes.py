#!/usr/bin/env python3
"""Where the bytes of a .wasm are: function bodies by name, grouped.

Link with names kept (the function names only; the code is unchanged):

    bash scripts/build_wasm.sh -DCMAKE_EXE_LINKER_FLAGS=--profiling-funcs
    python3 scripts/wasm_sizes.py build-wasm/wasm/monty_core.wasm [--top 40] [--group]

Prints the sections' sizes, the largest functions, and with --group the code
summed by a family key (the demangled name up to its argument list, template
arguments dropped), which is what shows template instantiations that repeat.
Uses llvm-cxxfilt / c++filt when present to demangle.
"""

import argparse
import collections
import re
import shutil
import subprocess
import sys


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def sections(data):
    if data[:4] != b"\0asm":
        sys.exit("not a wasm module")
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, body = leb(data, pos + 1)
        yield sid, body, size
        pos = body + size


def parse(data):
    imported_funcs = 0
    bodies = []
    names = {}
    section_sizes = collections.Counter()
    section_names = {0: "custom", 1: "type", 2: "import", 3: "function", 5: "memory",
                     6: "global", 7: "export", 9: "elem", 10: "code", 11: "data", 13: "tag"}
    for sid, body, size in sections(data):
        section_sizes[section_names.get(sid, str(sid))] += size
        if sid == 2:
            count, pos = leb(data, body)
            for _ in range(count):
                for _ in range(2):
                    length, pos = leb(data, pos)
                    pos += length
                kind = data[pos]
                pos += 1
                if kind == 0:
                    _, pos = leb(data, pos)
                    imported_funcs += 1
                elif kind == 1:
                    pos += 1
                    flags, pos = leb(data, pos)
                    _, pos = leb(data, pos)
                    if flags & 1:
                        _, pos = leb(data, pos)
                elif kind == 2:
                    flags, pos = leb(data, pos)
                    _, pos = leb(data, pos)
                    if flags & 1:
                        _, pos = leb(data, pos)
                elif kind == 3:
                    pos += 2
                elif kind == 4:
                    pos += 1
                    _, pos = leb(data, pos)
        elif sid == 10:
            count, pos = leb(data, body)
            for _ in range(count):
                length, pos = leb(data, pos)
                bodies.append(length)
                pos += length
        elif sid == 0:
            nlen, pos = leb(data, body)
            if data[pos:pos + nlen] == b"name":
                pos += nlen
                end = body + size
                while pos < end:
                    sub = data[pos]
                    sublen, pos = leb(data, pos + 1)
                    if sub == 1:
                        count, p = leb(data, pos)
                        for _ in range(count):
                            idx, p = leb(data, p)
                            ln, p = leb(data, p)
                            names[idx] = data[p:p + ln].decode("utf-8", "replace")
                            p += ln
                    pos += sublen
    funcs = []
    for i, length in enumerate(bodies):
        funcs.append((length, names.get(imported_funcs + i, f"func{imported_funcs + i}")))
    return section_sizes, funcs


def demangle(names):
    tool = shutil.which("llvm-cxxfilt") or shutil.which("c++filt")
    if not tool:
        return names
    out = subprocess.run([tool], input="\n".join(names), capture_output=True, text=True).stdout
    lines = out.split("\n")
    return lines[:len(names)] if len(lines) >= len(names) else names


def family(name):
    # Drop template arguments and the parameter list: what is left names the
    # function a set of instantiations comes from.
    name = name.replace("(anonymous namespace)::", "")
    out, depth = [], 0
    for ch in name:
        if ch == "<":
            depth += 1
        elif ch == ">" and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    text = "".join(out)
    text = re.sub(r"\(.*$", "", text)
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wasm")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--group", action="store_true")
    ap.add_argument("--grep", help="only functions whose demangled name matches this regex")
    args = ap.parse_args()
    data = open(args.wasm, "rb").read()
    section_sizes, funcs = parse(data)
    print("sections:", ", ".join(f"{k} {v:,}" for k, v in section_sizes.most_common()))
    names = demangle([n for _, n in funcs])
    funcs = [(length, name) for (length, _), name in zip(funcs, names)]
    if args.grep:
        funcs = [f for f in funcs if re.search(args.grep, f[1])]
        print(f"{len(funcs)} functions, {sum(l for l, _ in funcs):,} bytes")
    if args.group:
        groups = collections.Counter()
        counts = collections.Counter()
        for length, name in funcs:
            groups[family(name)] += length
            counts[family(name)] += 1
        for key, total in groups.most_common(args.top):
            print(f"{total:9,} {counts[key]:5}x  {key[:150]}")
    else:
        for length, name in sorted(funcs, reverse=True)[:args.top]:
            print(f"{length:9,}  {name[:150]}")


if __name__ == "__main__":
    main()
