class A:
    def m(self, x):
        raise ValueError
y = [A().m(x=1)]
