def deco(x):
    raise ValueError("deco")
@deco(1)
def g():
    pass
