y = "a b".split().upper()
