def f():
    return {}
y = f()[
  "k"]
