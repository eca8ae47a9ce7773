# A program paused inside a generator driven by a for loop, by a build that
# wrote format version 3 (v3_paused.bin, made by `monty start v3_paused.py
# --extern fetch --snapshot v3_paused.bin` at commit 586c5b2). Version 4 added
# the frames of consumer builtins (sum(f(x) for x in xs) pausing inside the
# generator); a version-3 stack has none and must resume as before.
def scaled(xs):
    for x in xs:
        yield fetch(x) + 1


seen = []
for v in scaled([1, 2, 3]):
    seen.append(v)
print(seen, sum(seen))
