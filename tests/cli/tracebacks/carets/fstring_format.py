x = "a"
y = f"{x:d}"
