# A class header followed by a name instead of the colon.
class A(object) B:
    pass
