print((1,), ("a",), ((),), ((1,),))
print(repr((None,)), str((1.5,)))
print(tuple([[]]))
print((1, (2, (3, (4,)))))
