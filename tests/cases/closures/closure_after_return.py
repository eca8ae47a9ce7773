def adders():
    result = {}
    for n in (1, 5, 10):
        def add(x, n=n):
            return x + n
        result[n] = add
    return result
a = adders()
print(a[1](1), a[5](1), a[10](1))
def outer():
    msg = "before"
    def show():
        return msg
    msg = "after"
    return show
print(outer()())
