try:
    {}["k"]
except KeyError:
    print("handler")
    raise
