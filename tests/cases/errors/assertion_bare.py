print("checking")
assert 1 > 2
