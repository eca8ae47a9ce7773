x = {}.keys()
x.isdisjont
