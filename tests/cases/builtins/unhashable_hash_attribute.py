# The unhashable builtin types have __hash__ = None, on the type and on instances.
print([].__hash__, list.__hash__, {}.__hash__, set.__hash__, bytearray.__hash__, slice(1).__hash__)
print(frozenset().__hash__ is not None, (1,).__hash__ is not None, 'a'.__hash__() == hash('a'))
class L(list):
    pass
print(L.__hash__, L().__hash__)
try:
    [1].__hash__()
except TypeError as e:
    print(e)
