data = [("alice", (30, "NYC")), ("bob", (25, "LA"))]
for name, (age, city) in data:
    print(f"{name} {age} {city}")
((a, b), (c, d)) = ((1, 2), (3, 4))
print(a + b + c + d)
[x, [y, [z]]] = [1, [2, [3]]]
print(x, y, z)
