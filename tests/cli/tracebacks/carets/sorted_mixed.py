y = sorted([1, "a"])
