class Parser:
    class Error(Exception):
        pass

    def parse(self, text):
        if not text:
            raise Parser.Error("empty input")
        return text


try:
    Parser().parse("")
except Parser.Error as e:
    print(type(e).__name__, type(e).__qualname__, repr(e))
Parser().parse("")
