getattr([], "apend")
