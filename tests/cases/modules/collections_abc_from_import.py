# `from collections import abc` imports the submodule (no earlier import of it).
from collections import abc
print(abc.Mapping, isinstance({}, abc.Mapping), abc.__name__)
import collections
print(collections.abc is abc)
