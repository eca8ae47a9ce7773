lenn([])
