def ev(expr):
    match expr:
        case ("num", n):
            return n
        case ("add", l, r):
            return ev(l) + ev(r)
        case ("mul", l, r):
            return ev(l) * ev(r)
        case ("neg", e):
            return -ev(e)
        case _:
            raise ValueError(f"bad expr {expr!r}")
print(ev(("add", ("num", 2), ("mul", ("num", 3), ("neg", ("num", 4))))))
try:
    ev(("pow", 1, 2))
except ValueError as e:
    print(e)
data = {"user": {"name": "ann", "roles": ["admin", "dev"]}}
match data:
    case {"user": {"name": str(name), "roles": [*_, "dev"]}}:
        print("dev user", name)
