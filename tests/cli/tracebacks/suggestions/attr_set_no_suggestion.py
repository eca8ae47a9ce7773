x = 1
x.bit_lenght = 2
