"a".startwith("a")
