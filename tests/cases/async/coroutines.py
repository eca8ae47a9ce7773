# async def makes coroutines; await runs them (a chain of frames here).
import asyncio


async def add(a, b):
    return a + b


async def twice(x):
    first = await add(x, x)
    second = await add(first, 1)
    return [first, second]


async def deep(n):
    if n == 0:
        return "bottom"
    return await deep(n - 1) + "!"


c = add(1, 2)
print(type(c).__name__, type(c) is type(twice(0)), asyncio.iscoroutine(c))
try:
    c.send(None)
except StopIteration as e:
    print("returned", e.value)
print(asyncio.run(twice(5)), asyncio.run(deep(30)))


# Driving a coroutine by hand: await of a user awaitable that yields.
class Ticket:
    def __init__(self, n):
        self.n = n

    def __await__(self):
        got = yield ("ticket", self.n)
        return got * 2


async def use_ticket():
    value = await Ticket(7)
    return value + 1


co = use_ticket()
print(co.send(None))
try:
    co.send(20)
except StopIteration as e:
    print("result", e.value)

# throw() and close() go to the awaited coroutine first.
async def guarded():
    try:
        await Ticket(1)
    except KeyError as e:
        return "handled " + str(e)


g = guarded()
g.send(None)
try:
    g.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)


async def cleanup():
    try:
        await Ticket(2)
    finally:
        print("cleanup ran")


h = cleanup()
h.send(None)
h.close()

# Errors CPython gives for misuse.
for bad in [1, "text", [1, 2]]:
    async def wait_on(v=bad):
        return await v
    try:
        asyncio.run(wait_on())
    except TypeError as e:
        print(e)


def plain_gen():
    yield 1


async def wait_gen():
    await plain_gen()


try:
    asyncio.run(wait_gen())
except TypeError as e:
    print(e)


async def reuse():
    inner = add(1, 1)
    await inner
    await inner


try:
    asyncio.run(reuse())
except RuntimeError as e:
    print(e)

try:
    for x in add(1, 2):
        pass
except TypeError as e:
    print(e)

co = add(3, 4)
try:
    next(co)
except TypeError as e:
    print(e)
co.close()


class BadAwait:
    def __await__(self):
        return 5


async def bad_await():
    await BadAwait()


try:
    asyncio.run(bad_await())
except TypeError as e:
    print(e)

try:
    asyncio.run(5)
except ValueError as e:
    print(e)


async def nested():
    asyncio.run(add(1, 1))


inner_co = None
try:
    asyncio.run(nested())
except RuntimeError as e:
    print(e)


class Service:
    async def call(self, x):
        return await add(x, 100)


print(asyncio.run(Service().call(1)), asyncio.iscoroutinefunction(Service().call),
      asyncio.iscoroutinefunction(plain_gen))
