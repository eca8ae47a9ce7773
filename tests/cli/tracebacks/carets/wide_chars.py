s = "日本語"; t = s.upper() + 1
