def ok():
    return 1
print(ok())
x = [1, 2,, 3]
