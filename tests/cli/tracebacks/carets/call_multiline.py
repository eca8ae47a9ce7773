def g(a, b):
    raise ValueError(a)
y = g(
    1,
    2,
)
