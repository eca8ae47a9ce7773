print("hi")
values = [1, 2, 3
