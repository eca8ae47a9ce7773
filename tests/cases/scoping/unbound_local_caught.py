count = 0
def bad():
    try:
        count += 1
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
bad()
def bad2():
    try:
        print(y)
    except NameError as e:
        print(type(e).__name__, e)
    y = 1
bad2()
