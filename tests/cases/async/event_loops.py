# Loop objects: get_event_loop().run_until_complete (older code), new loops,
# get_running_loop() inside coroutines, call_soon/call_later, loop.time().
import asyncio

log = []


async def work(name, delay):
    await asyncio.sleep(delay)
    log.append(name)
    return name.upper()


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    print(type(loop).__name__, loop.is_running(), start >= 0)
    fut = loop.create_future()
    loop.call_later(0.02, fut.set_result, "from call_later")
    loop.call_soon(log.append, "call_soon ran")
    h = loop.call_later(0.01, log.append, "never")
    h.cancel()
    print(await fut, loop.time() - start >= 0.02, h.cancelled())
    t = loop.create_task(work("task", 0.01))
    print(await t, asyncio.get_event_loop() is loop)
    return "main"


loop = asyncio.get_event_loop()
print(repr(loop), loop.is_running(), loop.is_closed())
print(loop.run_until_complete(main()))
left = loop.create_task(work("left over", 0.01))
print(loop.run_until_complete(work("second", 0.02)), left.done())
print(loop.run_until_complete(left), loop.run_until_complete(asyncio.sleep(0, "slept")))
loop.close()
print(loop.is_closed())
try:
    loop.run_until_complete(asyncio.sleep(0))
except RuntimeError as e:
    print(e)
other = asyncio.new_event_loop()
asyncio.set_event_loop(other)
print(asyncio.get_event_loop() is other, other.run_until_complete(work("other", 0)))
print(log)


async def check_closed():
    return asyncio.get_running_loop()


inner = asyncio.run(check_closed())
print(inner.is_closed(), inner is other)
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
