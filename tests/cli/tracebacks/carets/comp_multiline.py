y = [
    v / 0
    for v in [1]
]
