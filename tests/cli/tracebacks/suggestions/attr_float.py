f = 1.5
f.is_integr()
