# A program paused inside a consumer frame (sum over a generator that
# delegates with yield from), by a build that wrote format version 4
# (v4_paused.bin, made by `monty start v4_paused.py --extern fetch --snapshot
# v4_paused.bin` at commit a3378cd). Version 5 added coroutines (async def,
# await, asyncio); a version-4 stack has none and must resume as before.
def pages(xs):
    for x in xs:
        yield fetch(x) + 1
    return len(xs)


def book(xs):
    n = yield from pages(xs)
    yield n


print(sum(book([1, 2, 3])), [p for p in book([4])])
