t = tuple(range(10))
print(t[::3], t[-4:-1], t[::-3])
s = "The quick brown fox"
print(s[4:9], s[-3:], s[::5])
words = s.split()
print(words[1:-1], words[::-1])
