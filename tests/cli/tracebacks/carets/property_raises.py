class A:
    @property
    def p(self):
        raise ValueError("p")
y = [A().p]
