# asyncio.timeout / timeout_at (3.11): deadlines that cancel the body and raise
# TimeoutError, reschedule(), nesting, the Timeout's state; asyncio.shield.
import asyncio


async def work(name, delay):
    await asyncio.sleep(delay)
    print("finished", name)
    return name


async def main():
    # A body that ends in time.
    async with asyncio.timeout(0.05) as cm:
        r = await work("quick", 0.01)
    print(r, cm.expired(), type(cm).__name__)

    # A body that does not: TimeoutError, from the CancelledError.
    try:
        async with asyncio.timeout(0.02) as cm:
            await work("slow", 0.05)
            print("not reached")
    except TimeoutError as e:
        print("timed out", repr(e), type(e.__cause__).__name__, cm.expired())

    # Cleanup in the body still runs (finally), and can await.
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(1)
            finally:
                print("cleanup")
    except TimeoutError:
        print("timed out again")

    # None: no deadline; reschedule() sets one later.
    try:
        async with asyncio.timeout(None) as cm:
            print("when", cm.when())
            cm.reschedule(asyncio.get_running_loop().time() + 0.01)
            await asyncio.sleep(0.03)
    except TimeoutError:
        print("rescheduled timeout", cm.when() is not None)

    # timeout_at with an absolute deadline.
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + 0.01):
            await asyncio.sleep(0.05)
    except TimeoutError:
        print("timeout_at")

    # An exception inside the body passes through.
    try:
        async with asyncio.timeout(1):
            raise ValueError("boom")
    except ValueError as e:
        print("value error", e)

    # Nested: the inner one expires first.
    try:
        async with asyncio.timeout(0.5):
            try:
                async with asyncio.timeout(0.01):
                    await asyncio.sleep(0.1)
            except TimeoutError:
                print("inner expired")
            await asyncio.sleep(0.01)
            print("outer body done")
    except TimeoutError:
        print("outer expired (wrong)")

    # shield: the outer wait is cancelled, the shielded task runs on.
    t = asyncio.create_task(work("shielded", 0.03))
    try:
        await asyncio.wait_for(asyncio.shield(t), timeout=0.01)
    except TimeoutError:
        print("wait_for gave up", t.done())
    print(await t, t.cancelled())

    # shield of a finished future / of a coroutine.
    print(await asyncio.shield(work("coro", 0)))

    # A timeout reused is an error.
    cm = asyncio.timeout(1)
    async with cm:
        pass
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print("RuntimeError", e)


asyncio.run(main())


# Task.cancelling() / uncancel(), and a Timeout's repr in each state.
async def states():
    t = asyncio.current_task()
    print(t.cancelling(), t.uncancel())
    cm = asyncio.timeout_at(None)
    print(repr(cm))
    async with cm:
        print(repr(cm))
        cm.reschedule(12.3456)
        print(repr(cm).replace("12.346", "W"))
    print(repr(cm))
    try:
        cm.reschedule(1)
    except RuntimeError as e:
        print(e)
    try:
        asyncio.Timeout(None).reschedule(1)
    except RuntimeError as e:
        print(e)
    other = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    other.cancel()
    other.cancel()
    print(other.cancelling(), other.uncancel(), other.cancelling())
    try:
        await other
    except asyncio.CancelledError:
        print("cancelled", other.cancelled())


asyncio.run(states())
try:
    asyncio.timeout(1)
except RuntimeError as e:
    print(e)
