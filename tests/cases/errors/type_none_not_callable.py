f = None
print("calling")
f()
