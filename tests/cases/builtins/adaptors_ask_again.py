# map, filter, enumerate and zip are not finished for good when a source
# runs out: asked again, they ask their sources again (CPython has no
# "exhausted" state for them), which a resumable iterator can tell.
class Resumable:
    """Yields 1, 2, stops, then yields 3, 4, stops for good."""

    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n in (3, 6) or self.n > 6:
            raise StopIteration
        return self.n - (self.n > 3)


for make in (lambda r: map(str, r), lambda r: filter(None, r), lambda r: enumerate(r),
             lambda r: zip(r, "abcdef"), lambda r: map(lambda a, b: a + b, r, [10, 20, 30, 40])):
    it = make(Resumable())
    print(list(it), list(it), list(it))

calls = []


def spy(x):
    calls.append(x)
    return x


z = zip(map(spy, [1, 2, 3]), [0])
print(list(z), list(z), list(z), calls)
