class P:
    LIMIT = 3
print(P.LIMT)
