class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"needed {needed}, available {available}")
        self.needed = needed
class Account:
    _next_id = 1
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
        self.id = Account._next_id
        Account._next_id += 1
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
        return self
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount, self.balance)
        self.balance -= amount
        self.history.append(("withdraw", amount))
        return self
    def __repr__(self):
        return f"Account#{self.id}({self.owner!r}, balance={self.balance})"
class SavingsAccount(Account):
    def __init__(self, owner, balance=0, rate=0.02):
        super().__init__(owner, balance)
        self.rate = rate
    def add_interest(self):
        interest = round(self.balance * self.rate, 2)
        self.deposit(interest)
        return interest
def transfer(src, dst, amount):
    src.withdraw(amount)
    dst.deposit(amount)
alice = Account("alice", 100)
bob = SavingsAccount("bob", 50, rate=0.05)
alice.deposit(25).withdraw(10)
transfer(alice, bob, 40)
print(alice, bob)
print("interest", bob.add_interest(), bob.balance)
for acct, amount in [(alice, 1000), (bob, -5), (bob, 20)]:
    try:
        if amount < 0:
            acct.deposit(amount)
        else:
            acct.withdraw(amount)
        print("ok", acct)
    except InsufficientFunds as e:
        print("insufficient:", e, e.needed)
    except ValueError as e:
        print("invalid:", e)
print(alice.history)
print(bob.history)
total = sum(a.balance for a in (alice, bob))
print(f"total holdings: {total:.2f}")
