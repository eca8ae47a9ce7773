text = """  first line
    second line
third line  """
lines = text.splitlines()
print([l.strip() for l in lines])
print(max(lines, key=len))
print(text.count("line"), text.upper().count("LINE"))
print(" ".join(w.capitalize() for w in "the quick brown fox".split()))
print("".join(w[0] for w in "portable network graphics".split()).upper())
