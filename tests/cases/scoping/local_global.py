x = "global"
def read_global():
    return x
def local_shadow():
    x = "local"
    return x
def modify_global():
    global x
    x = "modified"
print(read_global(), local_shadow(), x)
modify_global()
print(x, read_global())
