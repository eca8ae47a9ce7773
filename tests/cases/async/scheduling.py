# The event loop's order: CPython's ready queue, call_soon hops for
# done-callbacks, timers by time then by the order they were set.
import asyncio

log = []


async def worker(name, delay, steps=1):
    for i in range(steps):
        log.append(f"{name} step {i}")
        await asyncio.sleep(delay)
    log.append(f"{name} done")
    return name


async def spinner(name, n):
    for i in range(n):
        log.append(f"{name} {i}")
        await asyncio.sleep(0)
    return n


async def main():
    print(await asyncio.gather(worker("a", 0.02), worker("b", 0.01), worker("c", 0)))
    print(log)
    log.clear()
    print(await asyncio.gather(spinner("x", 3), spinner("y", 2), worker("z", 0, 2)))
    print(log)
    log.clear()
    t1 = asyncio.create_task(spinner("t1", 2))
    t2 = asyncio.create_task(worker("t2", 0.005))
    log.append("main before await")
    await asyncio.sleep(0)
    log.append("main after sleep(0)")
    print(await t2, await t1, t1.done(), t2.result())
    print(log)
    log.clear()
    # A task that finished before it is awaited; gather of tasks and coroutines.
    t3 = asyncio.create_task(spinner("t3", 1))
    await asyncio.sleep(0.01)
    print(t3.done(), await t3, await asyncio.gather(t3, spinner("s", 1), t3))
    print(log)
    log.clear()
    # Nested gathers and a task awaiting another task.
    async def chain(n):
        if n == 0:
            return [await asyncio.sleep(0.001, result="leaf")]
        inner = asyncio.create_task(chain(n - 1))
        got = await inner
        return got + [n]
    print(await asyncio.gather(chain(3), asyncio.gather(worker("p", 0.002), worker("q", 0.001))))
    print(log)
    log.clear()
    print(await asyncio.gather())
    # Task names and the current task.
    me = asyncio.current_task()
    print(me.get_name(), (await asyncio.create_task(who())).startswith("Task-"))
    named = asyncio.create_task(who(), name="custom")
    print(await named, named.get_name())
    named.set_name(12)
    print(repr(named.get_name()))
    print(len(asyncio.all_tasks()))
    return "main result"


async def who():
    return asyncio.current_task().get_name()


print(asyncio.run(main()))
print(asyncio.run(who()))
