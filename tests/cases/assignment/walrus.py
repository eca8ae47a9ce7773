data = [1, 5, 12, 3, 20]
if (n := len(data)) > 3:
    print("long list", n)
big = [y for x in data if (y := x * 3) > 10]
print(big)
i = 0
while (chunk := data[i:i + 2]):
    print(chunk)
    i += 2
print((z := 5) + z)
def f(v):
    return (w := v + 1) * w
print(f(3))
