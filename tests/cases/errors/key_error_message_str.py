d = {"x": 1}
d.pop("missing key")
