print("x")
raise RuntimeError()
