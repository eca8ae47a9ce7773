def f():
    return missing + 1
print("calling f")
f()
