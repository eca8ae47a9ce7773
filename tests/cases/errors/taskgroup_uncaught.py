# An ExceptionGroup from a TaskGroup leaves asyncio.run uncaught.
import asyncio


async def fetch(i):
    await asyncio.sleep(0.01)
    if i == 2:
        raise ValueError(f"no page {i}")
    return i


async def main():
    async with asyncio.TaskGroup() as tg:
        for i in range(3):
            tg.create_task(fetch(i))


asyncio.run(main())
