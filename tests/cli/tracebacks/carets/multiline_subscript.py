d = {}
y = d[
    "k"
]
