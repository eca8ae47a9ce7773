v = 1234.5678
i = 255
s = "text"
print(f"{v:.2f} {v:10.1f}| {v:<12,.2f}| {v:e}")
print(f"{i:d} {i:5d}| {i:<5d}| {i:^7d}| {i:05d} {i:+d} {-i:d}")
print(f"{i:x} {i:X} {i:o} {i:b} {i:#x} {i:#b} {i:08b}")
print(f"{i:,} {10**9:,} {10**9:_} {0xDEADBEEF:_x}")
print(f"{s:>8}| {s:<8}| {s:^8}| {s:*^9}| {s:.2}")
print(f"{-5:=+6}| {5:=6}| {-5:06}")
print(f"{True} {True:d} {None}")
print(f"{65:c}")
print(f"{0.5:.0%}")
