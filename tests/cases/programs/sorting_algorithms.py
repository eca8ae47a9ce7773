def bubble(xs):
    xs = list(xs)
    for i in range(len(xs)):
        swapped = False
        for j in range(len(xs) - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
                swapped = True
        if not swapped:
            break
    return xs
def insertion(xs):
    xs = list(xs)
    for i in range(1, len(xs)):
        v = xs[i]
        j = i - 1
        while j >= 0 and xs[j] > v:
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = v
    return xs
def merge_sort(xs):
    if len(xs) <= 1:
        return list(xs)
    mid = len(xs) // 2
    a, b = merge_sort(xs[:mid]), merge_sort(xs[mid:])
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i]); i += 1
        else:
            out.append(b[j]); j += 1
    return out + a[i:] + b[j:]
def quick(xs):
    if len(xs) <= 1:
        return list(xs)
    pivot = xs[len(xs) // 2]
    return quick([x for x in xs if x < pivot]) + [x for x in xs if x == pivot] + quick([x for x in xs if x > pivot])
def heap_sort(xs):
    xs = list(xs)
    n = len(xs)
    def sift(i, size):
        while True:
            l, r, big = 2 * i + 1, 2 * i + 2, i
            if l < size and xs[l] > xs[big]:
                big = l
            if r < size and xs[r] > xs[big]:
                big = r
            if big == i:
                return
            xs[i], xs[big] = xs[big], xs[i]
            i = big
    for i in range(n // 2 - 1, -1, -1):
        sift(i, n)
    for end in range(n - 1, 0, -1):
        xs[0], xs[end] = xs[end], xs[0]
        sift(0, end)
    return xs
seed = 12345
data = []
for _ in range(300):
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    data.append(seed % 1000 - 500)
expected = sorted(data)
for fn in (bubble, insertion, merge_sort, quick, heap_sort):
    result = fn(data)
    print(f"{fn.__name__:<10} ok={result == expected} first={result[:5]} last={result[-3:]}")
print(quick(["pear", "apple", "fig"]), merge_sort([3.5, -1, 2]), heap_sort([]))
