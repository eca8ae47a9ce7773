print(format(12), format(12, "04"), format(1.5, ".3f"), format("x", ">3"), format(255, "#06x"))
print(format(-1, "+"), format(1e6, ","), format(12345, "_b"))
print(format(0.5, "%"), format(1/3, ".4"))
