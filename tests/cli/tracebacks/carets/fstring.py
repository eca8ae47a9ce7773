x = None
y = f"{x.a}"
