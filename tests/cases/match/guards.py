def cls(n):
    match n:
        case x if x < 0:
            return "neg"
        case x if x % 2 == 0:
            return "even"
        case _:
            return "odd"
print([cls(v) for v in (-2, 0, 3, 8)])
calls = []
def check(v):
    calls.append(v)
    return v > 1
match [1, 2]:
    case [a, b] if check(a):
        print("first")
    case [a, b] if check(b):
        print("second", a, b)
print(calls)
