class Employee:
    raise_pct = 0.03
    def __init__(self, name, salary):
        self.name = name
        self.salary = salary
    def annual(self):
        return self.salary * 12
    def give_raise(self):
        self.salary = round(self.salary * (1 + self.raise_pct))
    def role(self):
        return type(self).__name__.lower()
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, {self.salary})"
    def __lt__(self, other):
        return self.annual() < other.annual()
class Engineer(Employee):
    raise_pct = 0.05
    def __init__(self, name, salary, level):
        super().__init__(name, salary)
        self.level = level
    def annual(self):
        return super().annual() + 1000 * self.level
class Manager(Employee):
    raise_pct = 0.04
    def __init__(self, name, salary, reports=None):
        super().__init__(name, salary)
        self.reports = list(reports or [])
    def annual(self):
        return super().annual() + 500 * len(self.reports)
    def team(self):
        out = [self]
        for r in self.reports:
            out.extend(r.team() if isinstance(r, Manager) else [r])
        return out
devs = [Engineer("ada", 9000, 3), Engineer("linus", 8500, 2), Engineer("grace", 9500, 4)]
lead = Manager("tim", 11000, devs[:2])
boss = Manager("sue", 15000, [lead, devs[2], Employee("pat", 4000)])
for e in boss.team():
    print(f"{e.name:<6} {e.role():<9} {e.annual():>8,}")
print(sorted(boss.team()))
print(max(boss.team()).name, min(boss.team()).name)
for e in boss.team():
    e.give_raise()
print([e.salary for e in boss.team()])
by_role = {}
for e in boss.team():
    by_role.setdefault(e.role(), []).append(e.name)
print(by_role)
print(isinstance(lead, Employee), issubclass(Manager, Engineer))
