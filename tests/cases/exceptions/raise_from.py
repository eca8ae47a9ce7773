class ConfigError(Exception):
    pass
def load():
    try:
        {}["missing"]
    except KeyError as e:
        raise ConfigError("config broken") from e
try:
    load()
except ConfigError as e:
    print(e, repr(e.__cause__), e.__suppress_context__)
    print(type(e.__context__).__name__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during handling")
except ValueError as e:
    print(e, type(e.__context__).__name__, e.__cause__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("no context") from None
except ValueError as e:
    print(e, e.__cause__, e.__suppress_context__)
