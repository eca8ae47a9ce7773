# if without its colon at the end of the line: "expected ':'".
if True
    pass
