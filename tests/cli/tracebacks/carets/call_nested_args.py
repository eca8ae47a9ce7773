def g(x):
    raise ValueError(x)
print(len([1]), g(2))
