x = []
print("a", x.pop())
