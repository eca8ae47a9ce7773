x = None
y = {
    "a": x.b,
}
