d = {"a": 1}
print(d.get("a"), d.get("z"), d.get("z", 0))
print(d.setdefault("a", 5), d.setdefault("b", 7), d.setdefault("c"), d)
print(d.pop("a"), d.pop("zz", "default"), d)
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError:", e)
print(d.popitem(), d)
e = {}
try:
    e.popitem()
except KeyError as ex:
    print("KeyError:", ex)
