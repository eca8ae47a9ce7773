# The rest of CPython's builtin exceptions exist with their hierarchy (programs
# name them in except clauses), and IOError/EnvironmentError alias OSError.
for cls in [BlockingIOError, ChildProcessError, ConnectionError, BrokenPipeError,
            ConnectionAbortedError, ConnectionRefusedError, ConnectionResetError,
            FileExistsError, FileNotFoundError, InterruptedError, IsADirectoryError,
            NotADirectoryError, PermissionError, ProcessLookupError,
            SyntaxWarning, FutureWarning, PendingDeprecationWarning, ImportWarning,
            UnicodeWarning, BytesWarning, ResourceWarning, EncodingWarning]:
    print(cls.__name__, [b.__name__ for b in cls.__mro__[1:]])
print(IOError is OSError, EnvironmentError is OSError)


def load(path):
    raise FileNotFoundError("no such file: " + path)


try:
    load("config.json")
except (FileNotFoundError, PermissionError) as e:
    print(type(e).__name__, e, isinstance(e, OSError))
try:
    raise ConnectionResetError("peer reset")
except ConnectionError as e:
    print(repr(e))
