# product, permutations, combinations, combinations_with_replacement.
from itertools import combinations, combinations_with_replacement, permutations, product
import math

print(list(product("ab", range(2))))
print(list(product(range(2), repeat=3)))
print(list(product()), list(product(repeat=0)), list(product("ab", [])), list(product([], repeat=0)))
print(list(product("xy", repeat=2)), len(list(product(range(3), range(4), range(5)))))
print(list(product((x for x in "ab"), [1])))

print(list(permutations("ABC")))
print(list(permutations("ABCD", 2)))
print(list(permutations([], 0)), list(permutations("ab", 3)), list(permutations("ab", 0)), list(permutations([])))
print(list(permutations(range(3), r=None)))
print(len(list(permutations(range(6)))), math.perm(6), len(list(permutations(range(7), 3))), math.perm(7, 3))
print(list(permutations([1, 1, 2])))

print(list(combinations("ABCD", 2)))
print(list(combinations(range(5), 3)))
print(list(combinations("ab", 3)), list(combinations("ab", 0)), list(combinations([], 0)))
print(len(list(combinations(range(12), 5))), math.comb(12, 5))

print(list(combinations_with_replacement("ABC", 2)))
print(list(combinations_with_replacement("", 2)), list(combinations_with_replacement("", 0)), list(combinations_with_replacement("a", 3)))
print(len(list(combinations_with_replacement(range(6), 4))), math.comb(6 + 4 - 1, 4))

for pair in combinations([3, 5, 7, 11], 2):
    if sum(pair) == 16:
        print("pair", pair)
grid = [(r, c) for r, c in product(range(2), range(3)) if r != c]
print(grid)
p = permutations("abc", 2)
print(next(p), next(p), list(p), list(p))
