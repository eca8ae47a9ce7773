if (y := None.a):
    pass
