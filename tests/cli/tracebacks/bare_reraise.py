def risky(n):
    return 10 // n


def wrapper(n):
    try:
        return risky(n)
    except ZeroDivisionError:
        print("logging and re-raising")
        raise


try:
    wrapper(0)
except ZeroDivisionError:
    print("caught once")
wrapper(0)
