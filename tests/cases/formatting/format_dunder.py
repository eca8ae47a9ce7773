class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        s = f"${self.cents // 100}.{self.cents % 100:02d}"
        return format(s, spec) if spec else s
m = Money(12345)
print(format(m), f"{m}", "{}".format(m))
print(f"[{m:>12}]", "[{:<12}]".format(m))
