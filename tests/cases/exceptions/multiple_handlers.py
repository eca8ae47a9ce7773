def test(v):
    try:
        if v == 0:
            raise ValueError("bad value")
        if v == 1:
            raise KeyError("k")
        if v == 2:
            raise TypeError("bad type")
        return "ok"
    except (ValueError, TypeError) as e:
        return f"VT {type(e).__name__} {e}"
    except KeyError as e:
        return f"K {e!r} {e}"
for v in range(4):
    print(test(v))
