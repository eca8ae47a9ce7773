# generator.throw() raises at the paused yield, so the generator's except and
# finally blocks run; close() throws GeneratorExit in the same way.
def worker():
    try:
        while True:
            try:
                x = yield
                print("got", x)
            except ValueError as e:
                print("recovered from", e)
                yield "after-error"
    finally:
        print("cleanup")


g = worker()
next(g)
g.send(1)
print(g.throw(ValueError("bad")))
print(next(g))
g.send(2)
g.close()
print("closed")
try:
    next(g)
except StopIteration:
    print("finished")


def counter():
    n = 0
    try:
        while True:
            yield n
            n += 1
    except GeneratorExit:
        print("exit seen at", n)
        raise


c = counter()
print(next(c), next(c))
c.close()
c.close()


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring")
        yield 2


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)


def ret():
    try:
        yield 1
    except KeyError:
        return "done"


r = ret()
next(r)
try:
    r.throw(KeyError)
except StopIteration as e:
    print("StopIteration", e.value)

fresh = ret()
try:
    fresh.throw(TypeError("early"))
except TypeError as e:
    print("TypeError:", e)
print(list(fresh))
fresh.close()
for bad in [1, int]:
    try:
        ret().throw(bad)
    except TypeError as e:
        print("TypeError:", e)
u = ret()
next(u)
try:
    u.throw(ZeroDivisionError, "msg")
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


# Through `yield from`: the inner generator gets the throw first.
def inner():
    try:
        yield 1
        yield 2
    except ValueError:
        print("inner caught")
        yield 3
    finally:
        print("inner finally")


def outer():
    try:
        r = yield from inner()
        print("inner returned", r)
    finally:
        print("outer finally")


g = outer()
print(next(g))
print(g.throw(ValueError))
g.close()


def sub():
    try:
        yield "a"
    except KeyError:
        return "sub-result"


def delegator():
    result = yield from sub()
    yield "after " + result


d = delegator()
print(next(d), d.throw(KeyError), list(d))


def leaky():
    yield 1


def wrapper():
    try:
        yield from leaky()
    except IndexError as e:
        yield "wrapper caught " + str(e)


w = wrapper()
next(w)
print(w.throw(IndexError("deep")))
