# Wrong use of the collections classes: CPython's errors, caught.
import collections
from collections import Counter, OrderedDict, defaultdict, namedtuple

def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("missing on dict", lambda: defaultdict.__missing__({}, 1))
attempt("update two", lambda: Counter().update([1], [2]))
attempt("elements float", lambda: list(Counter(a=1.5).elements()))
attempt("move_to_end list", lambda: OrderedDict.move_to_end([], 1))
attempt("namedtuple no fields", lambda: namedtuple("E", "")())
attempt("namedtuple bad type", lambda: namedtuple("P", [1, 2]))
attempt("too many defaults", lambda: namedtuple("P", "a", defaults=[1, 2]))
attempt("namedtuple 3 positional", lambda: namedtuple("P", "a", False))
attempt("counter + dict", lambda: Counter(a=1) + {"a": 1})
attempt("counter < int", lambda: Counter(a=1) < 3)
attempt("hash counter", lambda: hash(Counter()))
attempt("module repr", lambda: repr(collections)[:20])
attempt("counter sub", lambda: Counter(a=1) - Counter(a="x"))
attempt("defaultdict kwargs only", lambda: defaultdict(x=1))
