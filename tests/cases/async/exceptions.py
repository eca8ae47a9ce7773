# Exceptions through awaits, tasks and gather.
import asyncio


async def fail(msg, delay=0):
    await asyncio.sleep(delay)
    raise ValueError(msg)


async def ok(v, delay=0):
    await asyncio.sleep(delay)
    return v


async def main():
    try:
        await fail("direct")
    except ValueError as e:
        print("caught", e)
    t = asyncio.create_task(fail("in task", 0.01))
    try:
        await t
    except ValueError as e:
        print("caught", e, t.done(), type(t.exception()).__name__)
    # gather: the first exception propagates, the other children go on.
    slow = asyncio.create_task(ok("slow", 0.02))
    try:
        await asyncio.gather(fail("first", 0.01), slow, fail("second", 0.015))
    except ValueError as e:
        print("gather raised", e, slow.done())
    print(await slow)
    print(await asyncio.gather(fail("x"), ok(1), fail("y", 0.005), return_exceptions=True))
    # try/finally and context of exceptions raised across awaits.
    try:
        try:
            await fail("inner")
        finally:
            print("finally after await")
    except ValueError as e:
        print("context", repr(e.__context__))
    try:
        try:
            await fail("cause")
        except ValueError as e:
            raise KeyError("wrapped") from e
    except KeyError as e:
        print(repr(e), repr(e.__cause__))
    # StopIteration raised in a coroutine becomes RuntimeError.
    async def stop():
        raise StopIteration
    try:
        await stop()
    except RuntimeError as e:
        print("RuntimeError:", e)
    return "done"


print(asyncio.run(main()))


async def crash():
    await asyncio.sleep(0)
    return {}["missing"]


try:
    asyncio.run(crash())
except KeyError as e:
    print("KeyError from asyncio.run:", e)


async def self_await():
    await asyncio.current_task()


try:
    asyncio.run(self_await())
except RuntimeError as e:
    print(str(e).split(":")[0])
