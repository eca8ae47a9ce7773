# A statement over two lines: CPython underlines the first to its end.
x = 1
return (1,
  2)
