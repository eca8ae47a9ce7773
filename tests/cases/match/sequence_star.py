def f(seq):
    match seq:
        case []:
            return "empty"
        case [first, *rest]:
            return f"first={first} rest={rest}"
print(f([]), f([1]), f([1, 2, 3]), f((9, 8)))
def g(seq):
    match seq:
        case [*init, last]:
            return init, last
print(g([1, 2, 3]), g("ab" if False else ["a"]))
def h(seq):
    match seq:
        case [a, *mid, z] if a == z:
            return f"same ends, mid={mid}"
        case [a, *_, z]:
            return f"ends {a} {z}"
        case _:
            return "short"
print(h([1, 2, 3, 1]), h([1, 2, 3]), h([1]))
print(f("abc") if False else "strings do not match sequences")
match "abc":
    case [*chars]:
        print("matched as sequence")
    case str():
        print("str is not a sequence pattern")
