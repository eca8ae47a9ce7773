print(bin(0), bin(5), bin(-5), oct(8), oct(-8), hex(255), hex(-255), hex(2 ** 70))
print(bin(True), hex(0))
class I:
    def __index__(self):
        return 10
print(bin(I()), hex(I()), oct(I()))
try:
    hex(1.5)
except TypeError as e:
    print("TypeError:", e)
