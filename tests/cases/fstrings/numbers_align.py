rows = [("apple", 1.5, 3), ("banana", 0.25, 12), ("kiwi", 10.0, 100)]
for name, price, qty in rows:
    print(f"{name:<10}{price:>8.2f}{qty:>5d}{price * qty:>10.2f}")
print(f"{'total':<10}{sum(p * q for _, p, q in rows):>23.2f}")
