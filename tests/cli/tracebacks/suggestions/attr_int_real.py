x = 5
x.rea
