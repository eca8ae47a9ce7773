# A member with a chain, and groups nested in groups.
def inner():
    try:
        raise OSError("io")
    except OSError as e:
        raise ValueError("during") from e

try:
    inner()
except ValueError as v:
    err = v
raise BaseExceptionGroup("with chain", [err, ExceptionGroup("deep", [ExceptionGroup("deeper", [IndexError(0)])])])
