print("computing")
print(1.5 / 0)
