try:
    assert 1 == 2, "one is not two"
except AssertionError as e:
    print("AssertionError:", e, e.args)
try:
    assert False
except AssertionError as e:
    print("bare assert args:", e.args, repr(str(e)))
assert True, "never"
x = 5
try:
    assert x < 0, f"x={x}"
except AssertionError as e:
    print(e)
