# Case mapping and predicates beyond ASCII.
words = ["straße", "ǆemal", "ΣΑΣ ΣΑΣ. Σ", "ὈΔΥΣΣΕΎΣ", "İstanbul", "ﬁnal ﬂow", "Привет Мир",
         "ǅungla", "ÀÉÎÕÜ àéîõü", "ΐ", "ŉ", "Ǆ", "ß", "ﬀ", "Ω", "K", "Å", "µ", "ſ",
         "Ⓐⓑ", "ａｂｃ ＡＢＣ", "𐐀𐐨", "ꭰ", "ǰ", "they're bill's friends", "hello world  x",
         "ΑΣ", "Α.Σ", "Α'Σ", "Σ", "aΣb", "aΣ", "aΣ'"]
for w in words:
    print(repr(w), repr(w.upper()), repr(w.lower()), repr(w.casefold()), repr(w.title()),
          repr(w.capitalize()), repr(w.swapcase()))
    print("  ", w.isupper(), w.islower(), w.istitle(), w.isalpha(), w.isalnum())
preds = ["½", "²", "٣", "۳", "߃", "१२", "Ⅻ", "〇", "一", "٫", "\u00a0", "\u2028", "\u200b",
         "\x1c", "\x85", "\u3000", "\ufeff", "\U0001f600", "é", "e\u0301", "ℕ", "_", "x1",
         "1x", "ẞ", "ǈ", "ʰ", "中文", "Ⅷ", "𝟘", "\U000e0001", "\ud7ff", "\U0010ffff", "\t", "a b"]
for p in preds:
    print(ascii(p), p.isalpha(), p.isdigit(), p.isdecimal(), p.isnumeric(), p.isalnum(),
          p.isspace(), p.isprintable(), p.isidentifier(), p.isupper(), p.islower(), p.istitle(),
          p.isascii())
print("".isalpha(), "".isprintable(), "".isascii(), "".istitle(), "".isidentifier(), "".isspace())
print("A1".istitle(), "1A".istitle(), "Aa Bb".istitle(), "AA".istitle(), "A a".istitle())
print("ABC1".isupper(), "abc1".islower(), "1".isupper(), "ǅ".isupper(), "ǅ".istitle())
print(repr("\u0130".lower()), len("\u0130".lower()), repr("ŉ".upper()), repr("ΐ".upper()))
