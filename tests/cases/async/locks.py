# asyncio.Lock, Semaphore, BoundedSemaphore and Event, in CPython's order.
import asyncio

log = []


async def critical(lock, name, hold):
    async with lock:
        log.append(f"{name} in")
        await asyncio.sleep(hold)
        log.append(f"{name} out")


async def limited(sem, name):
    async with sem:
        log.append(f"{name} start")
        await asyncio.sleep(0.01)
        log.append(f"{name} end")
    return name


async def waiter(event, name):
    log.append(f"{name} waits")
    got = await event.wait()
    log.append(f"{name} woke {got}")


async def main():
    lock = asyncio.Lock()
    print(lock.locked())
    await asyncio.gather(critical(lock, "a", 0.02), critical(lock, "b", 0.01), critical(lock, "c", 0))
    print(log, lock.locked())
    log.clear()
    print(await lock.acquire(), lock.locked())
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)
    sem = asyncio.Semaphore(2)
    print(await asyncio.gather(*[limited(sem, n) for n in "wxyz"]))
    print(log, sem.locked())
    log.clear()
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, n)) for n in ("p", "q")]
    await asyncio.sleep(0.01)
    print(event.is_set())
    event.set()
    await asyncio.gather(*tasks)
    print(log, event.is_set(), await event.wait())
    event.clear()
    print(event.is_set())
    log.clear()
    bounded = asyncio.BoundedSemaphore(1)
    await bounded.acquire()
    bounded.release()
    try:
        bounded.release()
    except ValueError as e:
        print("ValueError:", e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError:", e)
    # A waiter cancelled while it waits for the lock: the next one gets it.
    lock2 = asyncio.Lock()
    await lock2.acquire()
    t1 = asyncio.create_task(critical(lock2, "t1", 0))
    t2 = asyncio.create_task(critical(lock2, "t2", 0))
    await asyncio.sleep(0)
    t1.cancel()
    lock2.release()
    await asyncio.sleep(0.01)
    print(log, t1.cancelled(), t2.done())
    log.clear()
    # Semaphore handed to a waiter that is then cancelled: the unit goes on.
    sem2 = asyncio.Semaphore(1)
    await sem2.acquire()
    u1 = asyncio.create_task(limited(sem2, "u1"))
    u2 = asyncio.create_task(limited(sem2, "u2"))
    await asyncio.sleep(0)
    sem2.release()
    u1.cancel()
    await asyncio.sleep(0.05)
    print(log, u1.cancelled(), u2.result())


asyncio.run(main())
