s = "Hello, World"
print(s[0], s[-1], s[7:], s[:5], s[-5:], s[::2], s[::-1], s[1:8:3])
print(s[100:], s[-100:3], s[5:2], repr(s[5:2]))
print(s[::-2], s[8:2:-1], s[-1:-6:-1])
print(s[:], s[None:None])
print(len(s[3:9]))
