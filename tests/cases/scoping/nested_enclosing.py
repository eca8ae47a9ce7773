def outer():
    a = 1
    def mid():
        b = 2
        def inner():
            return a + b
        return inner()
    return mid()
print(outer())
def shadowing():
    v = "outer"
    def f():
        v = "inner"
        return v
    return f(), v
print(shadowing())
