n = 5
for x in n + 0:
    pass
