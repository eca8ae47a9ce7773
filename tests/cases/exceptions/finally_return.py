def f():
    try:
        return "try"
    finally:
        print("finally runs")
print(f())
def g():
    try:
        return "try"
    finally:
        return "finally"
print(g())
def h():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(h())
def k():
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            print("fin", i)
    return i
print(k())
def m():
    for i in range(3):
        try:
            continue
        finally:
            print("cont-fin", i)
m()
