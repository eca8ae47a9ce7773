for v in (0, 7, -7, 255, 10 ** 20):
    print("%d|%5d|%-5d|%05d|%x|%o|%+d|%#X" % (v, v, v, v, v, v, v, v))
print("%d" % True, "%s" % True, "%d" % 3.99, "%.2d" % 5)
