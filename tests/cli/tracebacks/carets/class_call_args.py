class A:
    pass
a = A(1)
