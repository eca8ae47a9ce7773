def add(a, b):
    return a + b
def mul(a, b):
    return a * b
ops = {"+": add, "*": mul}
print(ops["+"](2, 3), ops["*"](2, 3))
def apply(f, *args):
    return f(*args)
print(apply(add, 1, 2), apply(max, 3, 9, 4))
fs = [add, mul, pow]
print([f(2, 5) for f in fs])
print(add.__name__, callable(add))
alias = add
print(alias(10, 1), alias is add)
