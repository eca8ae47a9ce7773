x = 5
match x:
    case 1:
        print("one")
    case 2:
        print("two")
print("no case matched, continuing")
match (1, 2):
    case (a, b, c):
        print("three")
    case (a, b):
        print("pair", a, b)
match {"a": 1}:
    case {"a": 1, "b": 2}:
        print("ab")
    case {"a": v}:
        print("a only", v)
