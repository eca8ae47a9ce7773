print("{:>6}|".format("日本"))
print("{:*<5}|".format("é"))
print("[{:^7}]".format("😀"))
print(len("{:10}".format("ü")))
