y = getattr(1, "nope")
