# await inside a plain def.
import asyncio


def load():
    return await asyncio.sleep(1)
