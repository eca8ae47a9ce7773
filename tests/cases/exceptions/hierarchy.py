def catch(exc):
    try:
        raise exc
    except LookupError as e:
        return f"LookupError caught {type(e).__name__}"
    except ArithmeticError as e:
        return f"ArithmeticError caught {type(e).__name__}"
    except Exception as e:
        return f"Exception caught {type(e).__name__}"
for exc in [KeyError("a"), IndexError("i"), ZeroDivisionError("z"), OverflowError("o"), ValueError("v"), UnicodeError("u"), RecursionError("r")]:
    print(catch(exc))
print(issubclass(KeyError, LookupError), issubclass(IndexError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
print(issubclass(UnboundLocalError, NameError), issubclass(RecursionError, RuntimeError), issubclass(NotImplementedError, RuntimeError))
print(issubclass(StopIteration, Exception), issubclass(Exception, BaseException), issubclass(KeyboardInterrupt, Exception))
print(issubclass(ModuleNotFoundError, ImportError), issubclass(UnicodeDecodeError, ValueError))
print(issubclass(AssertionError, Exception), issubclass(AttributeError, Exception), issubclass(bool, Exception))
