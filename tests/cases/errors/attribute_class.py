class K:
    pass
print(K.missing)
