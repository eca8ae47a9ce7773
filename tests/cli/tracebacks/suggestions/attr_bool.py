b = True
b.bit_lenth()
