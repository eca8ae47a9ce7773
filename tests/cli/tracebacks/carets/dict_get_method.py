d = {}
y = d.get()
