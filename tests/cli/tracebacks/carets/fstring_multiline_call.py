def f(x):
    raise ValueError
y = f(
    f"{1}"
)
