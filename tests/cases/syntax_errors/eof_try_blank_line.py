try:
    x = 1

