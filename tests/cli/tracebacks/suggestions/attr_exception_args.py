e = ValueError(1)
e.arg
