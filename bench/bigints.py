# Arbitrary-precision integers: factorial, pow, big multiplication, division, str().
def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


f = factorial(1500)  # 4115 digits: under CPython's 4300-digit str() limit
digits = str(f)
p = pow(3, 20000)
q = pow(7, 5000, 10 ** 40 + 7)
big = (2 ** 4000 - 1) * (3 ** 2500 + 1)
quot, rem = divmod(big, 10 ** 300 + 12345)

fibs = [0, 1]
for _ in range(5000):
    fibs.append(fibs[-1] + fibs[-2])

prod = 1
for i in range(1, 400):
    prod = (prod * fibs[i * 10 + 7]) % (2 ** 3000 - 1)

acc = 0
for i in range(3000):
    acc += (f >> i) & 0xFFFF
    acc ^= fibs[i] % 1000003
    acc += (p // (fibs[i + 100] + 1)) % 1009
print(len(digits), digits[:20], digits[-20:], p % 1000000007, q, big.bit_length(),
      rem % 998244353, len(str(fibs[-1])), prod % 10 ** 12, acc, -big // 3 % 97,
      len(str(quot)))
