x = None
match 1:
    case 1 if x.a:
        pass
