try:
    [].pop()
except IndexError as e:
    print(e.args)
try:
    {}["x"]
except KeyError as e:
    print(e.args, e.args[0])
try:
    int("q")
except ValueError as e:
    print(e.args)
e = StopIteration(7)
print(e.value, e.args)
class WithData(Exception):
    def __init__(self, code):
        super().__init__("code", code)
        self.code = code
try:
    raise WithData(404)
except WithData as e:
    print(e.code, e.args, str(e))
