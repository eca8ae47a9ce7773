x = "outer"
r = [x for x in range(3)]
print(r, x)
y = 10
print([y + i for i in range(3)])
def f():
    k = 5
    return [k * i for i in range(3)]
print(f())
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(C.doubled)
funcs = [lambda: i for i in range(3)]
print([g() for g in funcs])
