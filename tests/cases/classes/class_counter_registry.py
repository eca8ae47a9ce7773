class Node:
    _instances = 0
    def __init__(self, val, nxt=None):
        Node._instances += 1
        self.val = val
        self.next = nxt
    def __iter__(self):
        node = self
        while node is not None:
            yield node.val
            node = node.next
    def __len__(self):
        return sum(1 for _ in self)
    def __repr__(self):
        return " -> ".join(map(repr, self))
head = None
for v in reversed(range(5)):
    head = Node(v, head)
print(head, len(head), Node._instances)
def reverse(h):
    prev = None
    while h is not None:
        h.next, prev, h = prev, h, h.next
    return prev
print(reverse(head))
