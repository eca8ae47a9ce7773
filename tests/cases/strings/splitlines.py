s = "line1\nline2\r\nline3\rline4\n\nlast"
print(s.splitlines())
print(s.splitlines(True))
print("".splitlines(), "\n".splitlines(), "a\n".splitlines())
print("a\x0bb\x0cc\x1cd\u2028e".splitlines())
print("one\n\ntwo\n".splitlines(keepends=True))
