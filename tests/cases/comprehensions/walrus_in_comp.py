data = [3, 8, 1, 9, 4]
print([y for x in data if (y := x * 2) > 6])
print(y)
total = 0
sums = [total := total + v for v in data]
print(sums, total)
