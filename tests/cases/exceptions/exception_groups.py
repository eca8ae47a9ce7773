# ExceptionGroup and BaseExceptionGroup: construction, str/repr, attributes,
# derive/subgroup/split, and catching them.
eg = ExceptionGroup("many", [ValueError(1), TypeError("t"), ExceptionGroup("inner", [KeyError("k")])])
print(str(eg))
print(repr(eg))
print(eg.message, eg.exceptions, type(eg.exceptions).__name__)
print(eg.args[0], type(eg.args[1]).__name__)
print(isinstance(eg, Exception), isinstance(eg, BaseExceptionGroup), issubclass(ExceptionGroup, BaseExceptionGroup))
print(type(BaseExceptionGroup("b", [ValueError()])).__name__)
print(type(BaseExceptionGroup("b", [KeyboardInterrupt()])).__name__)
print(str(ExceptionGroup("one", [ValueError()])))

m, r = eg.split(ValueError)
print(repr(m), repr(r))
m, r = eg.split((KeyError, TypeError))
print(repr(m), repr(r))
print(repr(eg.subgroup(lambda e: isinstance(e, KeyError))))
print(eg.subgroup(ExceptionGroup) is eg)
print(eg.split(OSError))
print(repr(eg.derive([ValueError(2)])))

for bad in [lambda: ExceptionGroup("x"), lambda: ExceptionGroup(1, [ValueError()]),
            lambda: ExceptionGroup("x", 5), lambda: ExceptionGroup("x", []),
            lambda: ExceptionGroup("x", [ValueError(), 3]),
            lambda: ExceptionGroup("x", [KeyboardInterrupt()]),
            lambda: eg.split(5), lambda: ExceptionGroup("x", [ValueError()], extra=1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

try:
    raise ExceptionGroup("caught", [ValueError("v")])
except ExceptionGroup as g:
    print("caught", g, g.exceptions)

try:
    raise BaseExceptionGroup("base", [ValueError("v"), SystemExit(2)])
except BaseExceptionGroup as g:
    print(type(g).__name__, repr(g.subgroup(SystemExit)))

e1 = ValueError("cause")
try:
    try:
        raise e1
    except ValueError as e:
        raise ExceptionGroup("wrapped", [e]) from e
except ExceptionGroup as g:
    m, r = g.split(ValueError)
    print(m is g, r, repr(g.__cause__))
    x = ExceptionGroup("y", [KeyError(1), ValueError(2)])
    x.__notes__ = ["a note"]
    m, r = x.split(KeyError)
    print(repr(m), m.__notes__, repr(r), r.__notes__)

print(ExceptionGroup.__mro__)
class MyGroup(ExceptionGroup):
    pass
print(MyGroup.__mro__[1:3], issubclass(MyGroup, BaseExceptionGroup))
try:
    CancelledError
except NameError as e:
    print(e)

# Subclasses are checked as CPython checks them.
class MyEG(ExceptionGroup):
    pass
e = MyEG("m", [ValueError(1)])
print(str(e), repr(e), type(e.derive([KeyError()])).__name__, e.exceptions)
class S(ExceptionGroup):
    def __str__(self):
        return "custom " + super().__str__()
print(S("q", [ValueError()]))
try:
    MyEG("x", [KeyboardInterrupt()])
except TypeError as err:
    print(err)
class B(BaseExceptionGroup):
    pass
print(type(B("b", [ValueError()])).__name__, type(B("b", [KeyboardInterrupt()])).__name__)
try:
    MyEG("x", [])
except ValueError as err:
    print(err)
