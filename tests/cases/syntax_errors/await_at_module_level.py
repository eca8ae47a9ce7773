# await belongs in an async function.
import asyncio

result = await asyncio.sleep(0)
