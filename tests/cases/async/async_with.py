# async with: __aenter__ and __aexit__ are awaited.
import asyncio

log = []


class Resource:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    async def __aenter__(self):
        await asyncio.sleep(0.001)
        log.append(f"enter {self.name}")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0)
        log.append(f"exit {self.name} {exc_type.__name__ if exc_type else None}")
        return self.swallow


async def use(name):
    async with Resource(name) as r:
        log.append(f"using {r.name}")
        await asyncio.sleep(0.002)
    return name


async def early_return():
    async with Resource("ret"):
        return "returned from inside"


async def loop_break():
    for i in range(3):
        async with Resource(f"loop{i}"):
            if i == 1:
                break
    return i


async def main():
    print(await asyncio.gather(use("a"), use("b")))
    print(await early_return(), await loop_break())
    async with Resource("quiet", swallow=True):
        raise ValueError("swallowed")
    try:
        async with Resource("loud"), Resource("inner"):
            raise KeyError("k")
    except KeyError as e:
        print("propagated", e)
    for bad in [1, object()]:
        try:
            async with bad:
                pass
        except TypeError as e:
            print(e)

    class OnlyEnter:
        async def __aenter__(self):
            return 1
    try:
        async with OnlyEnter():
            pass
    except TypeError as e:
        print(e)

    class Sync:
        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False
    try:
        async with Sync():
            pass
    except TypeError as e:
        print(e)


asyncio.run(main())
print(log)
