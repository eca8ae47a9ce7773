print(len("abc"))
def len(x):
    return "shadowed"
print(len("abc"))
del len
print(len("abc"))
def g():
    max = lambda *a: "local max"
    return max(1, 2)
print(g(), max(1, 2))
list_ = list
print(list_("ab"))
