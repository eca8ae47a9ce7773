tests = ["abc", "ABC", "Abc Def", "abc123", "123", "", " ", "\t\n", "½", "²", "3.5", "_id", "id2", "2id", "é", "Hello World", "hello World", "ABC def", "a b"]
for t in tests:
    print(repr(t), t.isalpha(), t.isdigit(), t.isdecimal(), t.isnumeric(), t.isalnum(),
          t.isspace(), t.isupper(), t.islower(), t.istitle(), t.isidentifier(), t.isascii(), t.isprintable())
