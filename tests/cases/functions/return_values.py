def none_implicit():
    x = 1
def none_explicit():
    return
def multiple():
    return 1, 2
def early(x):
    if x:
        return "early"
    return "late"
print(none_implicit(), none_explicit(), multiple(), early(1), early(0))
