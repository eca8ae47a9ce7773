KEYWORDS = {"let", "if", "else", "while", "print"}
def tokenize(src):
    tokens = []
    i = 0
    line = 1
    while i < len(src):
        c = src[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif c == "#":
            while i < len(src) and src[i] != "\n":
                i += 1
        elif c.isdigit():
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            text = src[i:j]
            tokens.append(("FLOAT" if "." in text else "INT", text, line))
            i = j
        elif c.isalpha() or c == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            word = src[i:j]
            tokens.append(("KW" if word in KEYWORDS else "NAME", word, line))
            i = j
        elif c == '"':
            j = i + 1
            while src[j] != '"':
                j += 1
            tokens.append(("STR", src[i + 1:j], line))
            i = j + 1
        elif src[i:i + 2] in ("==", "!=", "<=", ">="):
            tokens.append(("OP", src[i:i + 2], line))
            i += 2
        elif c in "+-*/=<>(){};":
            tokens.append(("OP", c, line))
            i += 1
        else:
            raise SyntaxError(f"bad char {c!r} at line {line}")
    return tokens
program = '''
let x = 10;  # comment
let pi = 3.14;
while (x >= 1) { print "tick"; x = x - 3; }
if (x != 0) { print x; } else { print "zero"; }
'''
toks = tokenize(program)
for kind, text, line in toks:
    print(f"{line:2} {kind:<5} {text!r}")
counts = {}
for kind, _, _ in toks:
    counts[kind] = counts.get(kind, 0) + 1
print(counts)
try:
    tokenize("let y = 5 @ 2;")
except SyntaxError as e:
    print("error:", e)
