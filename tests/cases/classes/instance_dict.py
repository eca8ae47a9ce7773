class P:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = [2]
p = P()
print(p.__dict__)
p.c = 3
print(p.__dict__, sorted(vars_ for vars_ in p.__dict__))
print("cls_attr" in p.__dict__, "cls_attr" in P.__dict__)
