def src():
    print("src evaluated")
    return [1, 2]
r = [print("elem", x) or x for x in src()]
print(r)
