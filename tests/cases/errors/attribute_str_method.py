s = "hello"
print(s.upper())
s.push("x")
