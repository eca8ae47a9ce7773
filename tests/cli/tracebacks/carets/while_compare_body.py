x = 0
while x < 1: x = x + "a"
