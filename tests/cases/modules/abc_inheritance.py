# ABCs combined with the rest of the class machinery: multiple inheritance,
# dataclasses, class attributes, mixins that implement abstract methods.
from abc import ABC, abstractmethod
from dataclasses import dataclass


class Reader(ABC):
    @abstractmethod
    def read(self):
        ...


class Writer(ABC):
    @abstractmethod
    def write(self, data):
        ...


class ReadWrite(Reader, Writer):
    pass


try:
    ReadWrite()
except TypeError as e:
    print(e)


class Buffer(ReadWrite):
    def __init__(self):
        self.data = []

    def read(self):
        return list(self.data)

    def write(self, data):
        self.data.append(data)


b = Buffer()
b.write(1)
b.write("two")
print(b.read(), isinstance(b, Reader), isinstance(b, Writer), Buffer.__mro__[1:3])


class ReadMixin:
    def read(self):
        return "mixin"


class FromMixin(ReadMixin, Reader):
    pass


print(FromMixin().read(), FromMixin.__abstractmethods__)


@dataclass
class Job(ABC):
    name: str

    @abstractmethod
    def run(self):
        ...


@dataclass
class Echo(Job):
    times: int = 1

    def run(self):
        return self.name * self.times


print(Echo("ab", 2), Echo("ab", 2).run())
try:
    Job("x")
except TypeError as e:
    print(e)

# Arguments do not matter: the class is refused before __init__ runs.
try:
    Job()
except TypeError as e:
    print(e)


# A class attribute shadowing an abstract method makes it concrete.
class Config(ABC):
    @property
    @abstractmethod
    def level(self):
        ...


class Fixed(Config):
    level = 3


print(Fixed().level, Fixed.__abstractmethods__)


# Abstract methods of a non-ABC base are not enforced in subclasses either.
class NotAbc:
    @abstractmethod
    def f(self):
        ...


class Sub(NotAbc, ABC):
    pass


print(type(Sub()).__name__, Sub.__abstractmethods__)


# ABCMeta exists for imports and isinstance checks on classes.
from abc import ABCMeta

print(isinstance(Reader, ABCMeta), isinstance(Buffer, ABCMeta), isinstance(int, ABCMeta))
print(isinstance(NotAbc, ABCMeta), isinstance(Buffer(), ABCMeta), ABCMeta.__name__, ABCMeta.__module__)
