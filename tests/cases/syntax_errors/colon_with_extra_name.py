# A with item followed by a name instead of the colon.
with open as f g:
    pass
