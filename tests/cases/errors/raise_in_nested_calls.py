def level3():
    raise RuntimeError("deep failure")
def level2():
    level3()
def level1():
    print("level1")
    level2()
level1()
