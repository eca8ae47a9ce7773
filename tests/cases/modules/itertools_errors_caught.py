# Argument errors of the itertools constructors, with CPython's wording.
import itertools as it

def show(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        print("ok", type(r).__name__)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)

show(it.count, "a")
show(it.count, 1, "a")
show(it.count, 1, 2, 3)
show(it.count, x=1)
show(it.repeat)
show(it.repeat, 1, "a")
show(it.repeat, 1, 2.0)
show(it.repeat, 1, times=None)
show(it.repeat, 1, 10**20)
show(it.cycle)
show(it.cycle, 1)
show(it.cycle, [], 2)
show(it.cycle, x=1)
show(it.chain, x=1)
show(it.chain.from_iterable)
show(it.islice, [1])
show(it.islice, [1], -1)
show(it.islice, [1], "a")
show(it.islice, [1], 1.5)
show(it.islice, [1], -1, 2)
show(it.islice, [1], 0, 2, 0)
show(it.islice, [1], 0, 2, -1)
show(it.islice, [1], 1, 2, 3, 4)
show(it.islice, 1, 2)
show(it.islice, [1], stop=2)
show(it.islice, [1], 10**30)
show(it.accumulate)
show(it.accumulate, 1)
show(it.accumulate, [1], None, None)
show(it.accumulate, [1], x=1)
show(it.compress, [1])
show(it.compress, 1, [1])
show(it.dropwhile, None)
show(it.takewhile, len)
show(it.filterfalse, None, 1)
show(it.starmap, len)
show(it.zip_longest, 1)
show(it.zip_longest, [1], x=1)
show(it.zip_longest, [1], fillvalue=1, x=2)
show(it.pairwise)
show(it.pairwise, 1)
show(it.pairwise, [1], [2])
show(it.product, 1)
show(it.product, [1], repeat=-1)
show(it.product, [1], repeat="a")
show(it.product, [1], x=1)
show(it.product, repeat=2, x=3)
show(it.permutations)
show(it.permutations, [1], -1)
show(it.permutations, [1], "a")
show(it.permutations, [1], r=1.5)
show(it.permutations, 1)
show(it.permutations, [1], x=1)
show(it.combinations, [1])
show(it.combinations, [1], -1)
show(it.combinations, [1], "a")
show(it.combinations, 1, 1)
show(it.combinations_with_replacement, [1])
show(it.combinations_with_replacement, [1], -1)
show(it.groupby)
show(it.groupby, 1)
show(it.groupby, [1], len, 2)
show(it.groupby, [1], keyfunc=len)

for bad in ["next(it.chain(1))", "list(it.starmap(len, [1]))", "list(it.dropwhile(None, [1]))",
            "list(it.groupby([1], len))", "list(it.accumulate(['a', 1]))", "it.count()[0]",
            "len(it.count())", "it.count(1) + 1", "list(it.starmap(pow, [(1,)]))"]:
    try:
        if bad == "next(it.chain(1))":
            next(it.chain(1))
        elif bad == "list(it.starmap(len, [1]))":
            list(it.starmap(len, [1]))
        elif bad == "list(it.dropwhile(None, [1]))":
            list(it.dropwhile(None, [1]))
        elif bad == "list(it.groupby([1], len))":
            list(it.groupby([1], len))
        elif bad == "list(it.accumulate(['a', 1]))":
            list(it.accumulate(["a", 1]))
        elif bad == "it.count()[0]":
            it.count()[0]
        elif bad == "len(it.count())":
            len(it.count())
        elif bad == "it.count(1) + 1":
            it.count(1) + 1
        else:
            list(it.starmap(pow, [(1,)]))
    except TypeError as e:
        print(bad, "->", e)

print(type(it.count()), it.count.__name__, it.count.__module__, it.chain.__qualname__)
print(type(next(it.groupby([1]))[1]), type(it.combinations_with_replacement("a", 1)).__name__)
print(isinstance(it.chain(), it.chain), iter(it.count()) is not None)
c = it.count()
print(iter(c) is c, next(iter(c)))
