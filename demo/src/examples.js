// The examples of the dropdown: Python code plus the JSON inputs they expect.
// Host functions (`fetch_json`, `ask`) are defined in the page (hosts.js).

export const examples = [
  {
    id: 'fib',
    title: 'Fibonacci',
    inputs: { count: 12 },
    code: `# Fibonacci numbers; \`count\` comes from the inputs pane.
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

for i in range(count):
    print(f"fib({i}) = {fib(i)}")

# The last expression is the program's result (a big int here).
fib(100)
`,
  },
  {
    id: 'asyncio',
    title: 'asyncio: gather host calls',
    inputs: { base: 'https://api.example.com' },
    code: `# Agent-style async code: fetch_json is a host function that answers
# with a promise, so inside asyncio's loop its calls are awaitable, and
# gathered calls are in flight together (watch the log).
import asyncio

async def orders_of(user):
    orders = await fetch_json(f"{base}/orders?user={user['id']}")
    await asyncio.sleep(0.5)  # the loop's clock: no real wait once nothing is in flight
    return user["name"], sum(o["amount"] for o in orders)

async def main():
    users = await fetch_json(f"{base}/users")
    totals = await asyncio.gather(*[orders_of(u) for u in users])
    for name, spent in totals:
        print(f"{name:<6} spent {spent}")
    return dict(totals)

asyncio.run(main())
`,
  },
  {
    id: 'strings',
    title: 'String processing',
    inputs: {
      text: 'The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs!',
    },
    code: `# Word frequencies, formatting and a few str methods.
words = [w.strip(".,;:!?").lower() for w in text.split()]
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1

top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
for word, n in top:
    print(f"{word:<6} {'#' * n} {n}")

longest = max(words, key=len)
print("longest word:", longest.upper(), len(longest))
print("title case:", " ".join(w.capitalize() for w in words[:4]))
print("reversed:", text[::-1][:20] + "...")
"-".join(sorted(set(words)))[:40]
`,
  },
  {
    id: 'host',
    title: 'Host function: fetch_json',
    inputs: { base: 'https://api.example.com' },
    code: `# fetch_json(url) is a host function defined in the page: the run pauses
# at each call, the page answers from canned data after a short delay.
users = fetch_json(f"{base}/users")
print(f"{len(users)} users")
total = 0
for user in users:
    orders = fetch_json(f"{base}/orders?user={user['id']}")
    spent = sum(o["amount"] for o in orders)
    total += spent
    print(f"{user['name']}: {len(orders)} orders, {spent} spent")
{"users": len(users), "total": total}
`,
  },
  {
    id: 'ask',
    title: 'Host function: ask (you answer)',
    inputs: {},
    code: `# ask(question) is answered by you, in the page: the run stays paused
# until you reply. While paused, download a snapshot, reload the page,
# load the snapshot and answer: the run continues where it stopped.
name = ask("What is your name?")
n = int(ask(f"Hello {name}! How many squares shall I print?"))
for i in range(1, n + 1):
    print(f"{i} squared is {i * i}")
f"Bye, {name}!"
`,
  },
  {
    id: 'loop',
    title: 'Infinite loop (press Stop)',
    inputs: {},
    code: `# Never ends: press Stop (or wait for the time limit).
# The page stays responsive: the run happens in a Web Worker.
n = 0
while True:
    n += 1
    if n % 2000000 == 0:
        print("still running,", n, "iterations")
`,
  },
  {
    id: 'syntax',
    title: 'Syntax error',
    inputs: {},
    code: `# This does not compile: look at the highlighted line.
def greet(name):
    return "Hello, " + name

print(greet("world")
print("never printed")
`,
  },
  {
    id: 'runtime',
    title: 'Runtime error (traceback)',
    inputs: { prices: { apple: 3, pear: 5 } },
    code: `# An uncaught exception: CPython's traceback, failing line highlighted.
def price_of(item):
    return prices[item]

def total(items):
    return sum(price_of(i) for i in items)

print("apple + pear =", total(["apple", "pear"]))
print("apple + kiwi =", total(["apple", "kiwi"]))
`,
  },
  {
    id: 'memory',
    title: 'Memory bomb',
    inputs: {},
    code: `# Doubles a string until the memory limit stops it.
s = "boom"
while True:
    s = s + s
    print(len(s))
`,
  },
  {
    id: 'recursion',
    title: 'Deep recursion',
    inputs: { n: 100000 },
    code: `# Recursion deeper than the recursion limit raises RecursionError.
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)

print(depth(50))
depth(n)
`,
  },
];
