values = [1, 2, 3]; total = sum(values) + values[10] * 2 - len(values)
