class A:
    pass
A.foo
