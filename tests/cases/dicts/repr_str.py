print({"s": "str", "q": "it's", 1: 1.5, None: [True], (1,): {}})
print(str({"a": "b"}), repr({}))
d = {}
d["self"] = d
print(d)
