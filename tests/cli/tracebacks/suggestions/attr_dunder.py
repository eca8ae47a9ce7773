x = []
x.__len()
