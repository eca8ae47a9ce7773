class CM:
    def __enter__(self):
        raise ValueError("enter")
    def __exit__(self, *a):
        pass
with CM():
    pass
