# A program paused at its first fetch() by a build that wrote format version 1
# (v1_paused.bin, made by `monty start v1_paused.py --extern fetch --snapshot
# v1_paused.bin` at commit d582bfb). Later builds must still resume it; cli/pause
# (group compat) answers each fetch(x) with x * 10 and compares with CPython.
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.history = []

    def deposit(self, amount):
        self.history.append(amount)
        return sum(self.history)


def squares(n):
    for i in range(n):
        yield i * i


acct = Account("ada")
gen = squares(5)
next(gen)
totals = {}
for step in range(3):
    got = fetch(step + 1)
    totals[step] = acct.deposit(got) + next(gen)
print(acct.owner, acct.history, totals, list(gen))
print(acct.__dict__)
