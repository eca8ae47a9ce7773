# The typing module as annotations use it: aliases, Optional/Union (real
# unions), TypeVar, Generic and Protocol bases, cast.
from typing import Any, Callable, Dict, Generic, Iterable, List, Optional, Protocol, Tuple, TypeVar, Union, cast
import typing

T = TypeVar("T")


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> Optional[T]:
        return self.items.pop() if self.items else None


class Greeter(Protocol):
    def greet(self) -> str: ...


def summarize(rows: List[Dict[str, Any]], key: Callable[[Dict[str, Any]], float]) -> Tuple[int, float]:
    total = sum(key(r) for r in rows)
    return len(rows), total


def first(xs: Iterable[T], default: Union[T, None] = None) -> Optional[T]:
    for x in xs:
        return x
    return default


s = Stack()
s.push(1)
s.push(2)
print(s.pop(), s.pop(), s.pop())
print(summarize([{"v": 1.5}, {"v": 2.5}], key=lambda r: r["v"]))
print(first([]), first("abc"), cast(int, "x"))
print(isinstance(3, Optional[int]), isinstance("a", Union[int, str]), isinstance(None, Optional[str]))
print(typing.TYPE_CHECKING, T, Union[int], typing.Any)
