print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(round(5), round(15, -1), round(25, -1))
print(round(123456, -3), round(7, 0))
print(type(round(5, 2)).__name__)
