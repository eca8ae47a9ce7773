s = ("hello "
     "world "
     'again')
print(s)
print(len(s))
t = ("a"
     f"{1 + 1}"
     "c")
print(t)
