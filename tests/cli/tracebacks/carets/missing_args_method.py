class A:
    def m(self, a):
        pass
y = A().m()
