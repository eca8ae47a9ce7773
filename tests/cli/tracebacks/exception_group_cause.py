# An ExceptionGroup raised from another exception.
try:
    raise KeyError("first")
except KeyError as e:
    raise ExceptionGroup("wrapped", [ValueError(1), RuntimeError(2)]) from e
