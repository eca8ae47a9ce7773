# Task.cancel(): CancelledError at the await the task is suspended in.
import asyncio

log = []


async def sleeper(name, delay):
    try:
        log.append(f"{name} sleeping")
        await asyncio.sleep(delay)
        log.append(f"{name} woke")
        return name
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise
    finally:
        log.append(f"{name} finally")


async def stubborn():
    try:
        await asyncio.sleep(0.1)
    except asyncio.CancelledError:
        log.append("stubborn ignores it")
    await asyncio.sleep(0)
    return "kept going"


async def main():
    t = asyncio.create_task(sleeper("a", 0.05))
    await asyncio.sleep(0.01)
    print(t.cancel(), t.cancel(), t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting a cancelled task raises", type(asyncio.CancelledError()).__mro__[1].__name__)
    print(t.cancelled(), t.done(), t.cancel())
    # Cancelled before it ever ran: the coroutine never starts.
    u = asyncio.create_task(sleeper("never", 0.01))
    print(u.cancel())
    await asyncio.sleep(0)
    print(u.cancelled())
    # A task that swallows the cancellation finishes normally.
    s = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    s.cancel()
    print(await s, s.cancelled())
    # Cancelling a gather cancels its children.
    g = asyncio.gather(sleeper("g1", 0.03), sleeper("g2", 0.04))
    await asyncio.sleep(0.01)
    print(g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled())
    # A cancelled child of gather: CancelledError, or an item with return_exceptions.
    c1 = asyncio.create_task(sleeper("c1", 0.01))
    c2 = asyncio.create_task(sleeper("c2", 0.02))
    await asyncio.sleep(0)
    c1.cancel()
    res = await asyncio.gather(c1, c2, return_exceptions=True)
    print([type(r).__name__ for r in res])
    # A task cancelled while it waits on another task: the other is cancelled too.
    inner = asyncio.create_task(sleeper("inner", 0.05))
    async def waiter():
        return await inner
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0.005)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print("waiter cancelled", inner.cancelled(), w.cancelled())
    # result() and exception() of each state.
    f = asyncio.create_task(sleeper("f", 0))
    try:
        f.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    try:
        f.exception()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    await f
    print(f.result(), f.exception())
    try:
        t.result()
    except asyncio.CancelledError:
        print("result() of a cancelled task raises CancelledError")


asyncio.run(main())
print(log)


# Tasks still pending when main returns are cancelled by asyncio.run.
async def leave_behind():
    asyncio.create_task(sleeper("left", 1))
    await asyncio.sleep(0)
    return "main done"


print(asyncio.run(leave_behind()))
print(log[-3:])
print(issubclass(asyncio.CancelledError, BaseException), issubclass(asyncio.CancelledError, Exception))
print(asyncio.TimeoutError is TimeoutError, asyncio.CancelledError.__module__)
