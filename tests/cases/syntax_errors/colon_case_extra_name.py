# A case pattern followed by a name instead of the colon.
match 1:
    case 1 y:
        pass
