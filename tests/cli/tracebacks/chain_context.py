def parse(text):
    return int(text)


def load(items):
    out = []
    for item in items:
        try:
            out.append(parse(item))
        except ValueError:
            out.append(missing[item])
    return out


print(load(["1", "2", "x"]))
