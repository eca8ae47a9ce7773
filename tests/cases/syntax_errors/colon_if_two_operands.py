# A condition with two operands and no operator: "invalid syntax" at the
# second one (CPython says "expected ':'" only when the line ends there).
x, y = 1, 2
if x y:
    print(x)
