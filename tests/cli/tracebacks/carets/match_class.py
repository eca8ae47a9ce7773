class P:
    __match_args__ = ("x",)
match P():
    case P(a):
        pass
