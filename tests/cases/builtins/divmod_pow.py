print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), divmod(0, 3))
print(pow(2, 8), pow(2.0, 3), pow(4, 0.5), pow(2, 5, 7), pow(-2, 3))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)
