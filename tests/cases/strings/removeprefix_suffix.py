print("prefix_body".removeprefix("prefix_"), "prefix_body".removeprefix("nope"))
print("file.py".removesuffix(".py"), "file.py".removesuffix(".txt"))
print(repr("abc".removeprefix("abc")), repr("".removesuffix("")))
print("aaa".removeprefix("a"), "aaa".removesuffix("a"))
