# collections.abc: the ABCs imported (also as collections.abc.X after
# import collections.abc), isinstance/issubclass of builtin types, of classes
# by their methods and of subclasses, and subscripts in annotations.
import collections.abc
from collections.abc import (Mapping, MutableMapping, Sequence, MutableSequence, Iterable, Iterator,
                             Callable, Hashable, Sized, Container, Collection, Set, MutableSet,
                             Generator, Reversible, KeysView, ItemsView, ValuesView, MappingView, ByteString)
import collections
from collections import deque, OrderedDict, Counter, defaultdict
print(collections.abc.Mapping is Mapping, collections.abc.__name__, Mapping.__module__, Mapping.__name__, Mapping)
def kinds(x):
    names = ['Mapping', 'MutableMapping', 'Sequence', 'MutableSequence', 'Iterable', 'Iterator', 'Callable',
             'Hashable', 'Sized', 'Container', 'Collection', 'Set', 'MutableSet', 'Generator', 'Reversible',
             'KeysView', 'ItemsView', 'ValuesView', 'MappingView', 'ByteString']
    return [n for n in names if isinstance(x, getattr(collections.abc, n))]
class WithLen:
    def __len__(self): return 0
class Iter:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
class NoHash:
    __hash__ = None
class MyMap(Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __len__(self): return len(self.d)
    def __iter__(self): return iter(self.d)
class MyList(list):
    pass
for x in [{}, [], (), 'ab', b'x', bytearray(), range(3), {1}, frozenset(), {}.keys(), {}.values(), {}.items(),
          iter([]), (i for i in []), len, lambda: 0, 5, None, deque(), OrderedDict(), Counter(), defaultdict(int),
          WithLen(), Iter(), NoHash(), MyMap({}), MyList(), map(len, []), zip(), type]:
    print(type(x).__name__, kinds(x))
print(issubclass(dict, Mapping), issubclass(list, Sequence), issubclass(MyMap, Mapping), issubclass(int, Iterable), issubclass(Iter, Iterator), issubclass(str, Hashable))
def f(m: Mapping[str, int], s: Sequence[int] = (), c: Callable[[int], str] = str) -> Iterable[int]:
    return [m[k] for k in m]
print(f({'a': 1}), isinstance(MyMap({'a': 1}), dict), MyMap({'a': 2})['a'], len(MyMap({'a': 2})))
import collections.abc as cabc
print(cabc is collections.abc, isinstance([], (Mapping, Sequence)))
try:
    import nosuch.path
except ImportError as e:
    print(type(e).__name__, e)
try:
    import collections.foo
except ImportError as e:
    print(type(e).__name__, e)
import typing
for t in [typing.Mapping, typing.Sequence, typing.Iterable, typing.Callable, typing.Iterator, typing.Hashable,
          typing.Sized, typing.AbstractSet, typing.MutableMapping, typing.Collection]:
    print(isinstance([], t), isinstance({}, t), isinstance(len, t), issubclass(dict, t), issubclass(frozenset, t))
try:
    isinstance(1, typing.Any)
except TypeError as e:
    print('TypeError', e)
