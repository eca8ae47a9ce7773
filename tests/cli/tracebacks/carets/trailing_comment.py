x = None
y = x.a  # comment
