for n in (0, 5, -5, 255, 1024, 2 ** 64):
    print(n, bin(n), oct(n), hex(n))
print(format(255, 'x'), format(255, 'X'), format(255, 'o'), format(255, 'b'))
print(format(255, '#x'), format(255, '#o'), format(255, '#b'))
print(str(-0), str(10 ** 25))
