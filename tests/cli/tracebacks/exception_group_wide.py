# More than 15 exceptions: the rest are counted.
excs = [ValueError(i) for i in range(17)]
raise ExceptionGroup("wide", excs)
