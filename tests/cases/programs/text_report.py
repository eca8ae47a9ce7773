sales = [
    ("north", "widgets", 120, 2.50),
    ("south", "widgets", 80, 2.75),
    ("north", "gadgets", 15, 19.99),
    ("east", "widgets", 200, 2.40),
    ("south", "gizmos", 42, 7.25),
    ("east", "gadgets", 9, 21.00),
    ("north", "gizmos", 61, 7.00),
]
by_region = {}
by_product = {}
for region, product, qty, price in sales:
    revenue = qty * price
    by_region[region] = by_region.get(region, 0) + revenue
    p = by_product.setdefault(product, {"qty": 0, "revenue": 0.0})
    p["qty"] += qty
    p["revenue"] += revenue
width = 36
print("SALES REPORT".center(width, "="))
print(f"{'Region':<10}{'Revenue':>14}{'Share':>12}")
grand = sum(by_region.values())
for region in sorted(by_region, key=by_region.get, reverse=True):
    rev = by_region[region]
    print(f"{region.title():<10}{rev:>14,.2f}{rev / grand:>12.1%}")
print("-" * width)
print(f"{'Total':<10}{grand:>14,.2f}")
print()
print(f"{'Product':<10}{'Qty':>6}{'Revenue':>12}{'Avg':>8}")
for product, d in sorted(by_product.items()):
    print(f"{product:<10}{d['qty']:>6d}{d['revenue']:>12.2f}{d['revenue'] / d['qty']:>8.3f}")
best = max(sales, key=lambda s: s[2] * s[3])
print()
print("Best line: %s/%s = %.2f" % (best[0], best[1], best[2] * best[3]))
bar_max = max(by_region.values())
for region, rev in sorted(by_region.items()):
    print(f"{region:>6} |{'#' * round(20 * rev / bar_max):<20}| {rev:8.2f}")
