# functools.cmp_to_key: an old-style comparison function as a sort key
# (sorted, list.sort, min, max), key objects compared by it, and errors.
from functools import cmp_to_key


def by_length_then_reverse(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a < b) - (a > b)


words = ["pear", "fig", "apple", "kiwi", "date", "plum"]
print(sorted(words, key=cmp_to_key(by_length_then_reverse)))
words.sort(key=cmp_to_key(by_length_then_reverse), reverse=True)
print(words)
print(min(words, key=cmp_to_key(by_length_then_reverse)), max(words, key=cmp_to_key(by_length_then_reverse)))


# Largest number from digits: the classic use.
def concat_cmp(x, y):
    return -1 if x + y > y + x else (1 if x + y < y + x else 0)


nums = [3, 30, 34, 5, 9]
print("".join(sorted(map(str, nums), key=cmp_to_key(concat_cmp))))

K = cmp_to_key(lambda a, b: a - b)
k1, k2 = K(1), K(2)
print(k1 < k2, k1 > k2, k1 == K(1), k1 != k2, k1 <= K(1), k2 >= k1, k1.obj, callable(K))
print(type(K).__name__, type(k1).__name__)
for bad in [lambda: hash(k1), lambda: k1 < 2, lambda: 2 < k1, lambda: K(), lambda: cmp_to_key()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    sorted([1, "a"], key=cmp_to_key(lambda a, b: a - b))
except TypeError as e:
    print("TypeError:", e)
