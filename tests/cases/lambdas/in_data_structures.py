ops = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "neg": lambda a, b=None: -a,
}
print([ops[k](7, 3) for k in ops])
table = [lambda x, k=k: x ** k for k in range(4)]
print([f(2) for f in table])
