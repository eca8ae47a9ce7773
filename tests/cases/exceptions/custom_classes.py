class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, name):
        super().__init__(f"{name} not found")
        self.name = name
class Invalid(AppError):
    def __init__(self, field, reason):
        self.field = field
        self.reason = reason
    def __str__(self):
        return f"{self.field}: {self.reason}"
try:
    raise NotFound("widget")
except AppError as e:
    print(type(e).__name__, e, e.name, e.args)
try:
    raise Invalid("age", "negative")
except AppError as e:
    print(type(e).__name__, e, e.args, repr(str(e)))
print(issubclass(NotFound, Exception), isinstance(NotFound("x"), AppError))
print(repr(AppError("r")))
