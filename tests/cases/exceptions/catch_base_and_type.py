try:
    raise StopIteration
except Exception as e:
    print(type(e).__name__, repr(e))
try:
    raise KeyError
except KeyError as e:
    print("class raised:", repr(e), e.args)
class E(Exception):
    pass
try:
    raise E
except E as e:
    print(type(e).__name__, e.args)
try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
