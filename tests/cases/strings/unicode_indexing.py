s = "naïve café 日本語 😀!"
print(len(s))
print(s[2], s[9], s[11], s[-2], s[-1])
print(s[11:14])
print(s[::-1])
print([c for c in "añ😀"])
print(ord("😀"), chr(128512), ord("ï"), chr(233))
print("日本" + "語", "語" in s, s.find("😀"), s.index("é"))
print("😀".upper(), "ÉCOLE".lower())
