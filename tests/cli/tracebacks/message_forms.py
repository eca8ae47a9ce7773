class Empty(Exception):
    pass


try:
    raise Empty
except Empty as e:
    print(repr(e), str(e) == "")
try:
    raise Empty()
except Empty as e:
    print(repr(e))
raise KeyError("two words")
