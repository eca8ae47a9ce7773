from abc import ABC, abstractmethod


class Plugin(ABC):
    @abstractmethod
    def load(self):
        ...

    @abstractmethod
    def unload(self):
        ...


class Partial(Plugin):
    def load(self):
        return "loaded"


print(Partial.__abstractmethods__)
Partial()
