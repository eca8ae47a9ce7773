class A:
    def go(self): pass
A().gi()
