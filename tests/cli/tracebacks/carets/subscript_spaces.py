d = {}
v = d [ "k" ]
