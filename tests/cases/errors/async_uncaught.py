# An exception that leaves the main coroutine leaves asyncio.run.
import asyncio


async def fetch_price(item):
    await asyncio.sleep(0.001)
    prices = {"apple": 3}
    return prices[item]


async def total(items):
    values = await asyncio.gather(*(fetch_price(i) for i in items))
    return sum(values)


async def main():
    print(await total(["apple"]))
    print(await total(["apple", "pear"]))


asyncio.run(main())
