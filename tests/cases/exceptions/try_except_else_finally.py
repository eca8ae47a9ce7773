def run(x):
    try:
        print("try", x)
        r = 10 // x
    except ZeroDivisionError:
        print("except")
    else:
        print("else", r)
    finally:
        print("finally")
run(2)
run(0)
