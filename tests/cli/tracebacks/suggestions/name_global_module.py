total_sum = 1
print(total_sm)
