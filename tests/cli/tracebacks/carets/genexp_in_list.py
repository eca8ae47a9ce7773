y = list(v.zz for v in [1])
