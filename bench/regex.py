# Regular expressions: findall, sub, split over a long text, and a compiled
# pattern matched line by line (the re module's engine and its glue).
import re

text = "The quick brown fox jumps over the lazy dog. email: joe@example.com, 555-1234; " * 2000
lines = text.split(". ")[:500]
word_pair = re.compile(r"(\w+)\s+(\w+)")
n = 0
for i in range(20):
    n += len(re.findall(r"\b\w+\b", text))
    n += len(re.findall(r"[\w.]+@[\w.]+", text))
    n += len(re.sub(r"\d+", "#", text))
    n += len(re.split(r"[,;.]\s*", text))
    for line in lines:
        m = word_pair.match(line)
        if m:
            n += len(m.group(2))
print(n)
