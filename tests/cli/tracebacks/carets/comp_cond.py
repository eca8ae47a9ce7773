y = [x for x in [1, 2] if x.real.foo]
