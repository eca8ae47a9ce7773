class B:
    def a(self):
        return self
    def b(self):
        raise ValueError("b")
x = (B()
     .a()
     .b())
