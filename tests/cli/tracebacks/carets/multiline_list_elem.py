x = None
y = [
    1,
    x.a,
]
