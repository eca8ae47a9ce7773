try:
    [].apend
except AttributeError as e:
    err = e
raise err
