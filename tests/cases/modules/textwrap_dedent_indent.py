# textwrap.dedent and textwrap.indent: margins of spaces and tabs,
# whitespace-only lines, predicates, every line boundary of splitlines.
import textwrap
from textwrap import dedent, indent
print(repr(dedent('''
    def f():
        return 1
      \t
    x
''')))
print(repr(dedent('  a\n    b\n  c')), repr(dedent('\ta\n  b')), repr(dedent('  a\n\tb')), repr(dedent('no indent\n  x')), repr(dedent('')), repr(dedent('   \n  ')))
print(repr(dedent('  héllo\n  wörld\n')), repr(dedent('\t\ta\n\t\t  b\n\t\tc')), repr(dedent('  a\r\n  b')))
prompt = dedent("""\
    You are a helpful assistant.
      - be brief
    Answer: {answer}
""").format(answer=42)
print(prompt, end='')
print(repr(indent('a\n\nb\n  \nc', '> ')), repr(indent('a\nb', '+', lambda l: True)), repr(indent('x\r\ny\u2028z', '# ')), repr(indent('', '>')))
print(indent(dedent('''
        one
          two
'''), '    ', lambda line: 'two' not in line), end='')
for bad in [lambda: dedent(5), lambda: indent(5, '>'), lambda: dedent(), lambda: indent('a')]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
