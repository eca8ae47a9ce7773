print(len([1]))
len([1], [2])
