for s in ["hello world", "HELLO", "hElLo wOrLd", "they're bill's friends", "ß straße", "123abc", "o'neil mc-donald", ""]:
    print(repr(s.upper()), repr(s.lower()), repr(s.title()), repr(s.capitalize()), repr(s.swapcase()))
print("Straße".casefold(), "ABC".casefold())
