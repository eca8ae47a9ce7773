# asyncio.wait (return_when, timeout) and asyncio.as_completed.
import asyncio

log = []


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    log.append(name)
    if fail:
        raise ValueError(name)
    return name


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def main():
    a = asyncio.create_task(job("a", 0.03), name="a")
    b = asyncio.create_task(job("b", 0.01), name="b")
    c = asyncio.create_task(job("c", 0.02, fail=True), name="c")
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_COMPLETED)
    print(names(done), names(pending), log)
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
    print(names(done), names(pending), log)
    done, pending = await asyncio.wait([a, b, c])
    print(names(done), names(pending), [t.result() for t in (a, b)], type(c.exception()).__name__)
    slow = asyncio.create_task(job("slow", 0.05), name="slow")
    done, pending = await asyncio.wait({slow}, timeout=0.01)
    print(names(done), names(pending), slow.done())
    await slow
    log.clear()
    # as_completed: results in the order the futures finish.
    results = []
    for next_done in asyncio.as_completed([job("x", 0.03), job("y", 0.01), job("z", 0.02)]):
        results.append(await next_done)
    print(results, log)
    try:
        for next_done in asyncio.as_completed([job("p", 0.01), job("q", 0.05)], timeout=0.02):
            print("got", await next_done)
    except asyncio.TimeoutError:
        print("as_completed timed out")
    for next_done in asyncio.as_completed([job("e", 0, fail=True)]):
        try:
            await next_done
        except ValueError as e:
            print("ValueError:", e)
    for bad in ([], 5):
        try:
            await asyncio.wait(bad)
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
    try:
        await asyncio.wait([a], return_when="SOMETIMES")
    except ValueError as e:
        print(e)
    co = job("co", 0)
    try:
        await asyncio.wait([co])
    except TypeError as e:
        print(e)
    await co
    try:
        for _ in asyncio.as_completed(a):
            pass
    except TypeError as e:
        print(e)
    print(asyncio.FIRST_COMPLETED, asyncio.ALL_COMPLETED, asyncio.FIRST_EXCEPTION)


asyncio.run(main())
