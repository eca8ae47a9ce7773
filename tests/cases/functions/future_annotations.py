"""from __future__ import annotations keeps function annotations as source text (PEP 563)."""
from __future__ import annotations


class Tree:
    def __init__(self, value: int, children: list[Tree] | None = None) -> None:
        self.value = value
        self.children = children or []

    def add(self, child: Tree) -> Tree:
        self.children.append(child)
        return self

    def total(self) -> int:
        return self.value + sum(c.total() for c in self.children)


t = Tree(1).add(Tree(2)).add(Tree(3, [Tree(4)]))
print(t.total())
print(Tree.__init__.__annotations__)
print(Tree.add.__annotations__)


def f(x: "quoted", y: dict[str, list[int]] = {}, *args: int, **kw: Undefined) -> Undefined:
    return x


print(f.__annotations__)
print(f(1))
