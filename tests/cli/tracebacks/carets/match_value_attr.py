class C:
    pass
match 1:
    case C.missing:
        pass
