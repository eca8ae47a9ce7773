# asyncio.TaskGroup (3.11): tasks awaited at the end of the block, a failure
# cancelling the rest and the body, ExceptionGroup of the errors, misuse.
import asyncio


async def work(name, delay, fail=None):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print("cancelled", name)
        raise
    if fail:
        raise fail
    print("done", name)
    return name


async def main():
    # All succeed: results through the tasks.
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(work("a", 0.02))
        b = tg.create_task(work("b", 0.01), name="bee")
        print(repr(tg), b.get_name())
    print(a.result(), b.result(), repr(tg))

    # One fails: the others are cancelled, the body is interrupted, and an
    # ExceptionGroup leaves the block.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("slow", 1))
            tg.create_task(work("boom", 0.01, ValueError("boom")))
            await asyncio.sleep(0.5)
            print("not reached")
    except ExceptionGroup as eg:
        print("group:", eg, eg.exceptions)

    # Two fail at the same time: both are in the group.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("x", 0.01, KeyError("x")))
            tg.create_task(work("y", 0.01, TypeError("y")))
    except ExceptionGroup as eg:
        print("group:", repr(eg))
        print(eg.split(KeyError))

    # An error in the body itself.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("bg", 0.1))
            raise RuntimeError("body")
    except ExceptionGroup as eg:
        print("body group:", repr(eg))

    # Misuse.
    tg = asyncio.TaskGroup()
    never = work("never", 0)
    try:
        tg.create_task(never)
    except RuntimeError as e:
        print(e)
        never.close()
    async with tg:
        pass
    late = work("late", 0)
    try:
        tg.create_task(late)
    except RuntimeError as e:
        print(e)
        late.close()
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print(e)
    coro = work("unused", 0)
    async with asyncio.TaskGroup() as tg2:
        try:
            tg2.create_task(1)
        except TypeError as e:
            print("TypeError", e)
    coro.close()

    # Nested groups, and a task that creates tasks in the group.
    async def spawner(tg, n):
        for i in range(n):
            tg.create_task(work(f"child{i}", 0.001 * (n - i)))
    async with asyncio.TaskGroup() as outer:
        async with asyncio.TaskGroup() as inner:
            inner.create_task(spawner(inner, 3))
        print("inner done")
        outer.create_task(work("outer", 0))
    print("outer done")

    # Cancelling the task that runs a group cancels its tasks.
    async def runner():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("r1", 1))
    t = asyncio.create_task(runner())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("runner cancelled", t.cancelled())


asyncio.run(main())


async def uncaught():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work("e1", 0.01, ValueError("first")))
        tg.create_task(work("e2", 0.02, ValueError("second")))
        await asyncio.sleep(1)

try:
    asyncio.run(uncaught())
except ExceptionGroup as eg:
    print("uncaught:", repr(eg))
