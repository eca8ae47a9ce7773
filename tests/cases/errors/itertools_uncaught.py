from itertools import chain, islice

pairs = chain([(1, 2)], 5)
print(list(islice(pairs, 1)))
print(list(pairs))
