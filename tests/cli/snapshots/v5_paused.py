# A program paused inside asyncio.gather, its event loop running tasks, by a
# build that wrote format version 5 (v5_paused.bin, made by `monty start
# v5_paused.py --extern fetch --snapshot v5_paused.bin` at commit a959329).
# Version 6 added deferred host calls, whose list is a 14th field of the
# loop's state: a version-5 loop has 13 and must run on (and defer calls:
# then fetch gives a future to await).
import asyncio


async def work(i):
    await asyncio.sleep(0.01 * i)
    v = fetch(i)
    if not isinstance(v, int):
        v = await v
    await asyncio.sleep(0)
    return v + i


async def main():
    results = await asyncio.gather(*[work(i) for i in range(1, 4)])
    print("results", results)
    return sum(results)


print(asyncio.run(main()))
