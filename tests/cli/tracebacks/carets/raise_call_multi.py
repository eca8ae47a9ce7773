raise ValueError(
    "x"
)
