class Grid:
    def __init__(self, w, h):
        self.cells = {}
        self.w, self.h = w, h
    def __getitem__(self, pos):
        r, c = pos
        return self.cells.get(pos, ".")
    def __setitem__(self, pos, v):
        self.cells[pos] = v
    def __str__(self):
        return "\n".join("".join(self[r, c] for c in range(self.w)) for r in range(self.h))
g = Grid(4, 3)
g[0, 0] = "#"
g[1, 2] = "@"
g[2, 3] = "$"
print(g)
print(g[1, 2], g[0, 1])
