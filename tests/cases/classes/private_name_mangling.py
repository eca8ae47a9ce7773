# Private names (__x) inside a class are stored as _Class__x, as in CPython:
# subclasses do not collide, outside code sees the mangled name only.
class Account:
    interest = 0.02

    def __init__(self, owner, balance):
        self.owner = owner
        self.__balance = balance
        self.__log = []

    def deposit(self, amount):
        self.__check(amount)
        self.__balance += amount
        self.__log.append(("deposit", amount))

    def __check(self, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")

    @property
    def balance(self):
        return self.__balance


class Savings(Account):
    def __init__(self, owner, balance):
        super().__init__(owner, balance)
        self.__balance = "shadow"

    def mine(self):
        return self.__balance


a = Account("ann", 100)
a.deposit(50)
print(a.balance, sorted(a.__dict__))
print(a._Account__balance)
try:
    print(a.__balance)
except AttributeError as e:
    print("AttributeError:", e)
try:
    a.__check(1)
except AttributeError as e:
    print("AttributeError:", e)
s = Savings("bob", 10)
print(s.balance, s.mine(), sorted(s.__dict__))
print(Account._Account__check.__name__, Account._Account__check.__qualname__)


class __Hidden:
    def __m(self):
        return "m"

    def call(self):
        return self.__m()


print(__Hidden().call(), hasattr(__Hidden, "_Hidden__m"))


class Outer:
    class __Inner:
        def __x(self):
            return 1

    def make(self):
        return self.__Inner()


print(type(Outer().make()).__name__, hasattr(Outer, "_Outer__Inner"))


class K:
    def f(self, __p=5):
        return __p

    def g(self):
        return self.f(__p=7)

    def h(self):
        __local = 3
        return [__local + i for i in range(2)], (lambda __q: __q)(4)


print(K().f(), K().h())
try:
    K().g()
except TypeError as e:
    print("TypeError:", e)
