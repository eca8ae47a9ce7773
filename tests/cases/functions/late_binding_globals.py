def first():
    return second() + 1
def second():
    return helper * 2
helper = 20
print(first())
helper = 1
print(first())
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(10), is_odd(7), is_even(3))
