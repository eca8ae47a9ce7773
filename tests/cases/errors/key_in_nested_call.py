def lookup(table, k):
    return table[k]
config = {"host": "h"}
print(lookup(config, "host"))
print(lookup(config, "port"))
