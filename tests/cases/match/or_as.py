def f(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as d]:
            return f"going {d}"
        case ["quit" | "exit"]:
            return "bye"
        case ["take", item] | ["get", item]:
            return f"taking {item}"
        case [("look" | "see") as verb, *objs]:
            return f"{verb} at {objs}"
        case _:
            return "unknown"
for c in ["go north", "go up", "quit", "exit", "take lamp", "get key", "look", "see a b", ""]:
    print(repr(c), f(c))
