def f(a, b):
    return a - b
print(f(b=1, a=5))
try:
    f(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, a=2)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, c=2)
except TypeError as e:
    print("TypeError:", e)
try:
    f()
except TypeError as e:
    print("TypeError:", e)
def g():
    return 0
try:
    g(1)
except TypeError as e:
    print("TypeError:", e)
