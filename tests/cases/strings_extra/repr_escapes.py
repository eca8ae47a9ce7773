# repr() quoting and escaping of str.
samples = ["", "a", "'", '"', "'\"", "it's", 'say "hi"', "both ' and \"", "\\", "\\n",
           "\n\t\r", "\x00\x01\x1f\x7f", "\x80\x9f\xa0\xad", "é ñ ü", "中文", "😀",
           "\u200b\u200e\u2028\u2029", "\ufeff", "\ud800", "\udfff", "\U000e0041", "\U0010ffff",
           "\U0001f1fa\U0001f1f8", "\x0b\x0c", "tab\there", "\u0378", "\u00ad", "a\u0301",
           "\u3000", "\xa0"]
for s in samples:
    print(repr(s), ascii(s), len(s))
print(repr(["a'b", 'c"d']), str(("x", "\n")))
print("%r|%a|%s" % ("é\n", "é\n", "é"))
print("{!r} {!a} {!s}".format("ü'", "ü'", "ü'"))
print(repr("\\'"), repr('\\"'))
