# __name__ and __module__ of builtin types, including those CPython defines in other modules.
import json
print(type(int|None).__name__, int.__name__, json.JSONDecodeError.__name__)
print(int.__module__, type(int|None).__module__, json.JSONDecodeError.__module__, ValueError.__module__)
print(str.__qualname__, type(None).__module__, KeyError.__name__)
