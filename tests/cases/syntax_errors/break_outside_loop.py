print("a")
break
