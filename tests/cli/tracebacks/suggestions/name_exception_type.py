raise ValueEror("x")
