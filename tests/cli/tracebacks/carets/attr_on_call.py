def f():
    return None
y = f().x
