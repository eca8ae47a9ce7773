# Fibonacci numbers, recursive and iterative (ints grow past 64 bits).
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


print([fib(n) for n in range(15)])
print(f"fib(25) = {fib(25)}")
print(f"fib(100) = {fib_iter(100)}")
