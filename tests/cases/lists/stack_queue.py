stack = []
for i in range(5):
    stack.append(i)
out = []
while stack:
    out.append(stack.pop())
print(out)
q = [1, 2, 3]
q.append(4)
print(q.pop(0), q.pop(0), q)
