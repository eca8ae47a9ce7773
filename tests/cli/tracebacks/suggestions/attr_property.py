class A:
    @property
    def value(self): return 1
A().valeu
