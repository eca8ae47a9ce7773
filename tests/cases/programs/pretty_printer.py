def pretty(value, indent=0, step=2):
    pad = " " * indent
    inner = " " * (indent + step)
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = []
        for k, v in value.items():
            parts.append(f"{inner}{quote(k)}: {pretty(v, indent + step, step)}")
        return "{\n" + ",\n".join(parts) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            return "[" + ", ".join(pretty(v) for v in value) + "]"
        items = [inner + pretty(v, indent + step, step) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(value, str):
        return quote(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, float) and value == int(value):
        return str(int(value)) + ".0"
    return str(value)
def quote(s):
    out = ['"']
    for ch in str(s):
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 32:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
doc = {
    "name": "monty",
    "version": [0, 1, 2],
    "stable": False,
    "license": None,
    "ratio": 0.75,
    "weight": 2.0,
    "authors": [{"name": "A \"quoted\" person", "tags": []}, {"name": "tab\there", "tags": ["x", "y\n"]}],
    "empty": {},
    "nested": {"deep": {"deeper": [True, [1, [2, [3]]]]}},
}
print(pretty(doc))
print(pretty([]), pretty({}), pretty("a\\b"), pretty(3))
