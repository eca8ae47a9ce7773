# json.loads: values, escapes, hooks, bytes, strict, and JSONDecodeError's messages and positions.
import json
print(json.loads('{"a": [1, 2.5, null, true, false], "b": {"c": "d"}}'))
print(json.loads('"\\u00e9\\ud83d\\ude00\\n\\"\\\\\\/\\b\\f\\r\\t"'))
print(json.loads(' [1, -2, 3.5e2, -0, 0.5, 1E-3, 12345678901234567890123] '))
print(json.loads('[NaN, Infinity, -Infinity]'))
print(json.loads(b'{"x": "\xc3\xa9"}'), json.loads(bytearray(b'[1]')), json.loads(b'\xef\xbb\xbf[2]'))
print(json.loads('{"a": 1, "a": 2}'))
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2}', object_pairs_hook=lambda p: p))
print(json.loads('[1.5, 2]', parse_float=str, parse_int=lambda s: int(s) * 10))
print(json.loads('[NaN]', parse_constant=lambda c: 'const:' + c))
print(json.loads('"a\tb"', strict=False))
print(json.loads('"\\ud800"') == '\ud800', len(json.loads('"\\ud83dx"')))
print(type(json.loads('1')).__name__, type(json.loads('1.0')).__name__, json.loads('"é"'))
for src in ['', '[1,]', '{"a" 1}', '"abc', '[1] x', '{1:2}', '"\\x"', '"\\u12"', '"a\nb"', '[1 2]',
            '{"a":1 "b":2}', '{"a":1,}', 'nul', '-', '01', '1.', '[', '{', '{"a"', '{"a":', '[1,',
            '"\\u12G4"', '"\\', 'tru', ' \n  [1,\n  2,,]', '{"é": 1, x}', '\ufeff[1]', '"\\ud83d\\u00zz"',
            '[' * 1100 + ']' * 1100, '{"a":' * 1100]:
    try:
        print(repr(json.loads(src))[:60])
    except json.JSONDecodeError as e:
        print('JDE', e, '|', e.msg, e.pos, e.lineno, e.colno, e.doc == src)
    except Exception as e:
        print(type(e).__name__, e)
try:
    json.loads(5)
except TypeError as e:
    print('TE', e)
print(isinstance(json.JSONDecodeError('m', 'd', 0), ValueError), json.JSONDecodeError.__name__)
print(json.loads(json.dumps({'k': [1, {'n': None}], 'u': 'ü\u2028'})))
print(repr(json.JSONDecodeError), issubclass(json.JSONDecodeError, ValueError))
