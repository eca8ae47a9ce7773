# Exceptions: caught ones, and an uncaught one that ends the program with a
# CPython-style traceback on stderr and exit status 1.
class InsufficientFunds(Exception):
    pass


def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds(f"balance {balance} < {amount}")
    return balance - amount


try:
    withdraw(10, 50)
except InsufficientFunds as e:
    print("caught:", e)

print(withdraw(100, 30))
print({"a": 1}["b"])
