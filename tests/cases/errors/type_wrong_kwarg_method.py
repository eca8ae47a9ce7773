class Account:
    def deposit(self, amount):
        return amount
a = Account()
print(a.deposit(amount=5))
a.deposit(5, 6)
