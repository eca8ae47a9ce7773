errors = []
for fn, arg in [(int, "1"), (int, "a"), (float, "2.5"), (float, "b")]:
    try:
        fn(arg)
    except ValueError as e:
        errors.append(str(e))
print(errors)
print(len(errors))
