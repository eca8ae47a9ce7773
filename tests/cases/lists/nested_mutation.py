grid = [[0] * 3 for _ in range(3)]
for i in range(3):
    grid[i][i] = 1
print(grid)
grid[0].extend([7, 8])
print(grid)
flat = [v for row in grid for v in row]
print(flat, sum(flat))
t = [row[:] for row in grid]
t[1][1] = 9
print(grid[1][1], t[1][1])
