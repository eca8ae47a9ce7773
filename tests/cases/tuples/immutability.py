t = (1, [2, 3])
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
t[1].append(4)
print(t)
try:
    del t[0]
except TypeError as e:
    print("TypeError:", e)
u = t
t += (5,)
print(t, u, t is u)
