class CM:
    def __enter__(self): return self
    def __exit__(self, *a): return False
with CM() as c:
    c.missing
