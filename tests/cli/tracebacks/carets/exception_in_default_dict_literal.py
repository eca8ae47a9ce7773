d = {"a": 1, **None}
