class Err(Exception):
    pass
raise Err("a", 1)
