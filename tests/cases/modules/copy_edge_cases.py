# copy at its edges: nesting past the recursion limit, hooks that clear the memo or
# mutate what is being copied, a bad memo and a bad __getstate__.
import copy
x = []
for i in range(100000):
    x = [x]
try:
    copy.deepcopy(x)
except RecursionError as e:
    print('RecursionError', e)
d = {}
for i in range(100000):
    d = {'a': d}
try:
    copy.deepcopy(d)
except RecursionError as e:
    print('RecursionError', e)
class Evil:
    def __deepcopy__(self, memo):
        memo.clear()
        return 5
print(copy.deepcopy([Evil(), Evil()]))
class Mut:
    def __init__(self, target):
        self.target = target
    def __deepcopy__(self, memo):
        self.target.clear()
        self.target.extend(range(50))
        return 'm'
lst = []
lst.extend([1, Mut(lst), 2])
print(copy.deepcopy(lst))
dd = {}
dd['m'] = Mut([])
print(copy.deepcopy(dd))
try:
    copy.deepcopy([1], memo=5)
except Exception as e:
    print(type(e).__name__, e)
class BadState:
    def __getstate__(self):
        return 5
try:
    copy.copy(BadState())
except Exception as e:
    print(type(e).__name__, e)
