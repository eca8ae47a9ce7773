# An ExceptionGroup of raised exceptions and of a nested group: CPython's boxes.
def fail(x):
    raise ValueError(f"bad {x}")


def collect():
    errors = []
    for i in range(2):
        try:
            fail(i)
        except ValueError as e:
            errors.append(e)
    errors.append(ExceptionGroup("nested", [KeyError("k"), TypeError("t")]))
    return errors


def main():
    raise ExceptionGroup("several errors", collect())


main()
