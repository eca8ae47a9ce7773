count = 0
def bump():
    global count
    count += 1
def read():
    return count
bump(); bump()
print(count, read())
def make_global():
    global created
    created = "yes"
make_global()
print(created)
x = "module"
def shadow():
    x = "local"
    return x
print(shadow(), x)
