def with_gen():
    try:
        yield 1
    finally:
        print("gen finally")


w = with_gen()
next(w)
w.throw(IndexError("out"))
