s = "filename.tar.gz"
print(s.startswith("file"), s.startswith("name"), s.endswith(".gz"), s.endswith(".zip"))
print(s.startswith(("a", "fi")), s.endswith((".zip", ".gz")))
print(s.startswith("name", 4), s.endswith("tar", 0, 12))
print("".startswith(""), "abc".startswith(""), "abc".endswith(""))
print(s.startswith("file", -20), s.endswith("gz", -2))
