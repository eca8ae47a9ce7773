class BankError(Exception):
    pass
class InsufficientFunds(BankError):
    def __init__(self, need):
        super().__init__(f"need {need} more")
print("withdrawing")
raise InsufficientFunds(50)
