sys.exit()
