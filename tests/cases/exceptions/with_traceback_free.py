def risky(n):
    if n > 2:
        raise RuntimeError(f"too big: {n}")
    return n
out = []
for i in range(5):
    try:
        out.append(risky(i))
    except RuntimeError as e:
        out.append(str(e))
print(out)
