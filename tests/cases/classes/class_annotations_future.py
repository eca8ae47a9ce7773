from __future__ import annotations
from dataclasses import dataclass, fields


class Tree:
    value: int
    children: list[Tree] = []
    label: 'str | None' = None


print(Tree.__annotations__)


@dataclass
class Node:
    name: str
    parent: Node | None = None


n = Node('leaf', Node('root'))
print(n, [(f.name, f.type) for f in fields(Node)])
