# The itertools that end with their input.
from itertools import (accumulate, chain, compress, dropwhile, filterfalse, groupby,
                       islice, pairwise, starmap, takewhile, zip_longest)


print(list(accumulate([1, 2, 3, 4, 5])))
print(list(accumulate([1, 2, 3, 4, 5], lambda a, b: a * b)))
print(list(accumulate([3, 1, 4, 1, 5, 9, 2, 6], max)))
print(list(accumulate([1, 2, 3], initial=100)), list(accumulate([], initial=0)), list(accumulate([])))
print(list(accumulate(["a", "b", "c"])), list(accumulate([[1], [2]])))
print(list(accumulate(range(5), func=lambda a, b: a - b, initial=None)))

print(list(chain("ab", [1, 2], (3,), {4: 5})), list(chain()), list(chain([], [])))
print(list(chain.from_iterable(["xy", "z", []])))
print(list(chain.from_iterable(range(n) for n in range(4))))
ch = chain([1], [2, 3])
print(next(ch), list(ch), list(ch))

print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(compress("ABC", [True])))
print(list(compress(range(10), (x % 3 == 0 for x in range(10)))))

print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(bool, [])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(bool, [1, 0, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, "", "a", [], None])))

print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(max, [[1, 5, 2], "ab"])))
print(list(starmap(lambda *a: a, [(), (1,), [1, 2]])))

print(list(pairwise("ABCDE")), list(pairwise("A")), list(pairwise([])))
print(list(pairwise(x * 2 for x in range(4))))

print(list(zip_longest("ABCD", "xy", fillvalue="-")))
print(list(zip_longest("AB", [1, 2, 3], [None])), list(zip_longest()), list(zip_longest([], [])))
print(list(zip_longest([1, 2], fillvalue=0)))

print(list(islice("ABCDEFG", 2)), list(islice("ABCDEFG", 2, 4)), list(islice("ABCDEFG", 2, None)))
print(list(islice("ABCDEFG", 0, None, 2)), list(islice("AB", 5, 10)), list(islice("ABC", None)))
print(list(islice(range(10), 1, 8, 3)), list(islice("ABCDEF", None, None, None)), list(islice("AB", 0)))
it = iter(range(10))
print(list(islice(it, 3)), next(it), list(islice(it, 2, 4)), next(it))

print([k for k, g in groupby("AAAABBBCCDAABBB")])
print([list(g) for k, g in groupby("AAAABBBCCD")])
words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
print([(k, list(g)) for k, g in groupby(sorted(words), key=lambda s: s[0])])
print([(k, len(list(g))) for k, g in groupby([1, 1, 2.0, 2, 3, True, 1])])
print(list(groupby([])), [(k, list(g)) for k, g in groupby([5], key=None)])
gb = groupby("aabbbc")
k1, g1 = next(gb)
k2, g2 = next(gb)  # advancing the groupby ends the first group
print(k1, list(g1), k2, next(g2), [k for k, _ in gb], list(g2))
gb = groupby([1, 1, 2])
k, g = next(gb)
print(next(g), [k for k, _ in gb], list(g))
