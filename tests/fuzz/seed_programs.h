// Programs whose paused executions seed the snapshot fuzzers (shared by
// make_fuzz_seeds and fuzz_snapshot_edit). Each calls the external `fetch`.
// And a REPL session, dumped after each snippet, with the snippets the
// fuzzers feed a session they loaded.
#pragma once

namespace monty_fuzz {

inline const char* const kPrograms[] = {
    "def f(n):\n    acc = [n]\n    for i in range(n):\n        acc.append(fetch(i))\n    return "
    "acc\nf(3)\n",
    "def gen(n):\n    for i in range(n):\n        x = yield fetch(i)\n    return 'end'\n"
    "for y in gen(3):\n    print(y)\n",
    "def counter():\n    c = 0\n    def inc(by):\n        nonlocal c\n        c += by\n        "
    "return c\n    return inc\n"
    "inc = counter()\nprint(inc(fetch(1)), inc(fetch(2)))\n",
    "class A:\n    def __init__(self, v): self.v = fetch(v)\n    def __repr__(self): return "
    "f'A({self.v})'\n"
    "class B(A):\n    pass\nprint([B(i) for i in range(2)])\n",
    "def risky(i):\n    try:\n        raise KeyError(i)\n    except KeyError as e:\n        return "
    "fetch(i)\n"
    "    finally:\n        print('f')\nprint(risky(1), risky(2))\n",
    "d = {i: str(i) for i in range(40)}\nfor i in range(0, 40, 3): del d[i]\n"
    "s = {i * 7 % 41 for i in range(30)}\nit = iter(d.items())\nnext(it)\n"
    "big = 2 ** 100 + 1\nv = fetch(len(d))\nprint(sorted(s), list(it)[:2], big * v, 1.5, -0.0)\n",
    "def f(x):\n    match x:\n        case {'k': v, **rest} if fetch(v):\n            return rest\n"
    "        case [a, *others]:\n            return [fetch(o) for o in others]\nprint(f({'k': 1, "
    "'z': 2}), f([1, 2]))\n",
    "total = 0\nfor i in range(2000):\n    total += i\nprint(total + secret)\n",
    "s = 'héllo wörld'\nit = iter(s)\nnext(it)\nr = reversed(s)\nnext(r)\nz = zip(it, r)\n"
    "e = enumerate(range(5), 10**30)\nm = map(str, [1, 2])\nprint(fetch(1), list(z), list(e), "
    "list(m))\n",
    // itertools mid-iteration: index lists, a groupby's shared list, a tee buffer.
    "import itertools as it\npm = it.permutations(range(4), 3)\nnext(pm)\ncb = "
    "it.combinations('abcde', 3)\nnext(cb)\npr = it.product('ab', repeat=2)\nnext(pr)\n"
    "gb = it.groupby('aabbc')\nk, g = next(gb)\nta, tb = it.tee(it.count(3))\nnext(ta)\n"
    "sl = it.islice(it.cycle('xy'), 1, 9, 2)\nnext(sl)\nac = it.accumulate([1, 2, 3], initial=5)\n"
    "print(fetch(1), next(pm), next(cb), list(pr), list(g), next(gb)[0], next(tb), list(sl), "
    "list(ac))\n",
    // asyncio: tasks gathered over host calls (deferred by the harnesses on
    // odd steps, so some snapshots wait for calls in flight), a timeout.
    "import asyncio\nasync def get(u):\n    r = await fetch(u)\n    await asyncio.sleep(0.01)\n"
    "    return r\nasync def main():\n    rs = await asyncio.gather(get(1), get(2), get(3))\n"
    "    try:\n        await asyncio.wait_for(fetch(4), timeout=0.5)\n    except TimeoutError:\n"
    "        pass\n    return rs\nprint(asyncio.run(main()))\n",
};

inline const char* const kSessionSnippets[] = {
    "def f(n):\n    return [n, n * 2]\n",
    "class K:\n    def __init__(self):\n        self.items = {'a': 1}\n    def m(self):\n"
    "        return sorted(self.items)\n",
    "k = K()\ng = (i * i for i in range(5))\nnext(g)",
    "def gen():\n    try:\n        yield 1\n        yield 2\n    finally:\n        print('done')\n"
    "h = gen()\nnext(h)",
    "saved = None\ntry:\n    {}['x']\nexcept KeyError as e:\n    saved = e\n",
    "def adder(k):\n    def add(v):\n        return v + k\n    return add\nadd3 = adder(3)\n"
    "d = {1: {2, 3}, 'b': (b'x', 2.5, 10 ** 20)}\nit = iter(d.items())\nnext(it)",
};

inline const char* const kSessionProbes[] = {
    "f(2)", "k.m()", "list(g)", "list(h)", "str(saved)", "add3(4)", "d", "list(it)", "1 / 0",
};

}  // namespace monty_fuzz
