calls = []
def idx(i):
    calls.append(i)
    return i
lst = [0, 0, 0]
lst[idx(1)] += 5
print(lst, calls)
class A:
    def __init__(self):
        self.v = 0
def get(a):
    calls.append("get")
    return a
a = A()
get(a).v += 1
print(a.v, calls)
