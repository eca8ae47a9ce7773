# asyncio.wait_for: the result in time, TimeoutError (the task cancelled) after it.
import asyncio

log = []


async def job(name, delay, result=None):
    try:
        await asyncio.sleep(delay)
        log.append(f"{name} finished")
        return result if result is not None else name
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise


async def main():
    print(await asyncio.wait_for(job("quick", 0.01), timeout=0.05))
    try:
        await asyncio.wait_for(job("slow", 0.1), 0.02)
    except asyncio.TimeoutError as e:
        print("timed out", type(e).__name__, type(e.__cause__).__name__)
    print(await asyncio.wait_for(job("none", 0.03), None))
    try:
        await asyncio.wait_for(job("zero", 0.01), 0)
    except TimeoutError:
        print("zero timeout")
    t = asyncio.create_task(job("task", 0.005, 7))
    print(await asyncio.wait_for(t, 1), t.done())
    # A timeout while other tasks run: they go on.
    other = asyncio.create_task(job("other", 0.03))
    try:
        await asyncio.wait_for(job("inner", 0.05), timeout=0.01)
    except asyncio.TimeoutError:
        print("inner timed out; other done?", other.done())
    print(await other)
    # wait_for inside gather, and of a sleep.
    print(await asyncio.gather(asyncio.wait_for(job("g1", 0.01), 2), asyncio.wait_for(asyncio.sleep(0.01, "s"), 3)))
    # The outer task cancelled while it waits: the inner is cancelled too.
    async def outer():
        return await asyncio.wait_for(job("deep", 0.1), 20)
    o = asyncio.create_task(outer())
    await asyncio.sleep(0.01)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        print("outer cancelled", o.cancelled())
    # Exceptions pass through.
    async def bad():
        await asyncio.sleep(0.001)
        raise ValueError("inside wait_for")
    try:
        await asyncio.wait_for(bad(), 1)
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
print(log)
