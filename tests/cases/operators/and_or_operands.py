print(1 and 2, 0 and 2, 1 or 2, 0 or 2, "" or "default", [] and "x")
print(None or 0 or "" or "last", 1 and "a" and [0])
print(not 0, not 1, not "", not [0])
def t(v):
    print("called", v)
    return v
print(t(0) and t(1))
print(t(1) or t(2))
print(t(1) and t(0) or t(3))
x = None
name = x or "anonymous"
print(name)
