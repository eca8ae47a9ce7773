# __init__ called again on an existing object: dict's updates, list's and
# set's start over; a classmethod reached through an instance of a subclass
# builds that subclass.
from collections import OrderedDict, defaultdict


class D(dict):
    pass


d = D(a=1)
d.__init__(b=2)
print(d, type(d).__name__)
dd = defaultdict(list, {1: [2]})
dd.__init__(None, {3: 4})
print(dd)
l = [1]
l.__init__([2])
s = {1}
s.__init__({2})
print(l, s)
o = OrderedDict(a=1)
print(o.fromkeys('xy'), D(z=0).fromkeys('q', 1), type(D().fromkeys('a')).__name__)
