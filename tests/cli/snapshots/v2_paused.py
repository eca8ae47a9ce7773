# A program paused at its first fetch() by a build that wrote format version 2
# (v2_paused.bin, made by `monty start v2_paused.py --extern fetch --snapshot
# v2_paused.bin` at commit ef1da43). Version 3 keeps an instruction per
# traceback entry and locates decorator calls and multi-line method calls
# like CPython, so this build's line table differs from the one stored here:
# it must still resume, with the caught exception's traceback intact.
def tagged(label):
    def wrap(fn):
        fn.label = label
        return fn
    return wrap


@tagged("double")
def double(x):
    return x * 2


class Chain:
    def __init__(self):
        self.steps = []

    def add(self, v):
        self.steps.append(v)
        return self


def fail():
    return {}["missing"]


try:
    fail()
except KeyError as e:
    saved = e
chain = (Chain()
         .add(1)
         .add(2))
got = fetch(3)
chain.add(double(got))
print(double.label, chain.steps, repr(saved))
tb = saved.__traceback__
lines = []
while tb is not None:
    lines.append(tb.tb_lineno)
    tb = tb.tb_next
print(len(lines), lines[0] - lines[1])  # relative: CPython's run has a prelude
