class Resource:
    def __enter__(self):
        return self


def use():
    with Resource() as r:
        return r


use()
