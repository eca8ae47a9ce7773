x = "module"
class C:
    x = "class"
    def method(self):
        return x
    y = [x for _ in range(1)]
    z = x
print(C().method(), C.y, C.z)
def f():
    v = "func"
    class D:
        w = v
        def m(self):
            return v
    return D.w, D().m()
print(f())
