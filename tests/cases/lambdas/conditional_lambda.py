clamp = lambda x, lo, hi: lo if x < lo else hi if x > hi else x
print([clamp(v, 0, 10) for v in (-5, 5, 15)])
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(3))
