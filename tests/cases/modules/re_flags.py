# re.RegexFlag: the flags print by name and combine as flags.
import re
print(re.M|re.I, repr(re.I), re.I|1024, ~re.I, re.NOFLAG, re.I+1, re.I|re.I, f'{re.I}', '%s' % re.I, str(re.A), re.U, re.I & re.M, re.X ^ re.X, isinstance(re.I, int), re.T, 8 | re.I, f'{re.I:03d}')
print(re.I | True, re.I & 3, re.I ^ re.I)
print(re.compile("a", flags=re.I|re.M).flags, re.findall("A", "aA", re.I))
try: re.sub('a', lambda m: 1, 'xaya')
except TypeError as e: print(e)
print(repr(re.sub('a', lambda m: None, 'xaya')))
