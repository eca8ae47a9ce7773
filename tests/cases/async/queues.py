# asyncio.Queue: producers and consumers, maxsize, task_done/join, variants.
import asyncio

log = []


async def producer(q, name, items):
    for item in items:
        await q.put(f"{name}{item}")
        log.append(f"put {name}{item}")
    log.append(f"{name} done")


async def consumer(q, name):
    while True:
        item = await q.get()
        log.append(f"{name} got {item}")
        await asyncio.sleep(0.001)
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    print(q.empty(), q.full(), q.qsize(), q.maxsize, str(q))
    consumers = [asyncio.create_task(consumer(q, f"c{i}")) for i in range(2)]
    await asyncio.gather(producer(q, "a", range(3)), producer(q, "b", range(2)))
    await q.join()
    print(log)
    log.clear()
    for c in consumers:
        c.cancel()
    res = await asyncio.gather(*consumers, return_exceptions=True)
    print([type(r).__name__ for r in res], q.empty())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty", repr(asyncio.QueueEmpty()))
    small = asyncio.Queue(1)
    small.put_nowait("x")
    try:
        small.put_nowait("y")
    except asyncio.QueueFull:
        print("QueueFull")
    print(small.get_nowait(), str(small))
    try:
        small.task_done()
        small.task_done()
    except ValueError as e:
        print("ValueError:", e)
    pq = asyncio.PriorityQueue()
    for v in [5, 1, 4, 2]:
        pq.put_nowait((v, f"job{v}"))
    print([pq.get_nowait() for _ in range(pq.qsize())])
    lq = asyncio.LifoQueue()
    for v in "abc":
        await lq.put(v)
    print([await lq.get() for _ in range(3)])
    # A getter cancelled while it waits.
    q3 = asyncio.Queue()
    g = asyncio.create_task(q3.get())
    await asyncio.sleep(0)
    g.cancel()
    await asyncio.sleep(0)
    q3.put_nowait(42)
    print(g.cancelled(), await q3.get())
    print(isinstance(q3, asyncio.Queue), isinstance(pq, asyncio.Queue), type(pq).__name__)


asyncio.run(main())
