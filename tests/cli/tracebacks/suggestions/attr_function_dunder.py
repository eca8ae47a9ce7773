def f(): pass
f.__nam__
