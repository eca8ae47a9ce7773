def nothing():
    pass
print(nothing())
class Empty:
    pass
for _ in range(2):
    pass
if True:
    pass
else:
    print("no")
print("done", Empty.__name__)
