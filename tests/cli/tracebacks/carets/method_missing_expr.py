x = [1]
y = x.push(2) + 1
