def f():
	if True:
		return 1 + "a"
f()
