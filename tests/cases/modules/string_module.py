# The string module's constants and capwords.
import string
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), repr(string.printable), string.punctuation)
print(string.capwords("hello   world  foo"), string.capwords("a-b-c", "-"), string.capwords(""), string.capwords(" x y ", None))
for f, args, kw in [(string.capwords, (), {})]:
    try:
        print(f(*args, **kw))
    except Exception as e:
        print(type(e).__name__, e)
