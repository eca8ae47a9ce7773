y = [int("x")]
