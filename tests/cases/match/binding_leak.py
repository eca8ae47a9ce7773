match [1, 2, 3]:
    case [first, *others]:
        pass
print(first, others)
match {"k": "v"}:
    case {"k": val}:
        pass
print(val)
match 42:
    case int() as n if n > 100:
        print("big")
    case n:
        print("fallback", n)
