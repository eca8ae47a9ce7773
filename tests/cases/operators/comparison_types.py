print(1 == "1", 1 != "1", None == 0, [] == (), {} == set())
print(1 == 1.0 == True, 0 == -0.0, "a" == "a")
try:
    print(1 < "1")
except TypeError as e:
    print("TypeError:", e)
try:
    print(None > None)
except TypeError as e:
    print("TypeError:", e)
try:
    print({} < {})
except TypeError as e:
    print("TypeError:", e)
print([1, "a"] == [1, "a"], [1, "a"] < [2, "a"])
try:
    print([1, "a"] < [1, 2])
except TypeError as e:
    print("TypeError:", e)
