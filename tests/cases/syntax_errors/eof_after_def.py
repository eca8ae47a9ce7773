# A block cut off at the end of the file (as in truncated model output).
def f():
