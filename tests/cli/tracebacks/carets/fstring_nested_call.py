def f():
    raise ValueError
y = f"a{f()}b"
