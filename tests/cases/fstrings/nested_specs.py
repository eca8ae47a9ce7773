width = 10
prec = 3
val = 3.14159
print(f"{val:{width}.{prec}f}|")
print(f"{val:>{width}}|")
print(f"{'x':{'*'}^{width}}")
for w in range(3, 6):
    print(f"{w:{w}}|")
fmt = ".1f"
print(f"{val:{fmt}}")
