def kind(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(n) if n < 0:
            return f"negative int {n}"
        case int(n):
            return f"int {n}"
        case float(f):
            return f"float {f}"
        case str() as s:
            return f"str {s!r}"
        case list([x, *_]):
            return f"list starting {x}"
        case tuple():
            return "tuple"
        case dict():
            return "dict"
        case _:
            return "other"
for v in [True, -3, 4, 2.5, "s", [9, 8], [], (1,), {}, None]:
    print(kind(v))
