for v in [1, 1.5, "s", b"b", [], (), {}, set(), frozenset(), None, True, range(1), len, slice(1), ...]:
    print(type(v).__name__)
class C:
    pass
print(type(C()).__name__, type(C).__name__, C.__name__)
