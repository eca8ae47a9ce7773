y = 1 + undefined_name
