# async with needs an async function.
def use(lock):
    async with lock:
        pass
