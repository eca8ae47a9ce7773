def deco(f):
    raise ValueError("deco")
@deco
def g():
    pass
