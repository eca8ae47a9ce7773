# await inside list, set and dict comprehensions of an async function.
import asyncio


async def double(x):
    await asyncio.sleep(0)
    return x * 2


async def main():
    print([await double(x) for x in range(4)])
    print({await double(x) for x in [1, 1, 2]})
    print({x: await double(x) for x in "ab"})
    print([[await double(x + y) for y in range(2)] for x in range(2)])
    print([await double(x) for x in range(6) if x % 2 if await double(x) > 2])


asyncio.run(main())
