a = [1, 2]
a.append(3)
print(a)
a.extend([4, 5])
a.extend((6,))
a.extend(range(7, 9))
a.extend("ab")
print(a)
a.insert(0, "first")
a.insert(-1, "before-last")
a.insert(100, "end")
a.insert(-100, "start")
print(a)
a += [0]
print(a, len(a))
b = a
b += ["shared"]
print(a[-1], a is b)
