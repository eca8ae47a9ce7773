def sq(x):
    return x * x
d = {"key": "value"}
lst = [10, 20, 30]
print(f"{sq(4)} {lst[-1]} {d['key']} {len(lst)}")
print(f"{'yes' if lst else 'no'}")
print(f"{[x * 2 for x in lst]}")
print(f"{(lambda a: a + 1)(5)}")
print(f"{lst[0]:>{lst[0] // 2}}|")
print(f"{3 + 4 if False else 7}")
print(f"{'a' 'b'}")
print(f"{d!r:>20}|")
