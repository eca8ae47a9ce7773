# The operator module: the operator functions (and their dunder aliases),
# itemgetter, attrgetter (dotted names) and methodcaller as sort keys and
# callables, their reprs and errors.
import operator
from operator import itemgetter, attrgetter, methodcaller
rows = [('b', 3, 'x'), ('a', 1, 'z'), ('c', 2, 'y')]
print(sorted(rows, key=itemgetter(1)), sorted(rows, key=itemgetter(2, 0)), max(rows, key=itemgetter(1)))
print(itemgetter(1)('abc'), itemgetter(slice(1, None))([1, 2, 3]), itemgetter('k')({'k': 5}))
class P:
    def __init__(self, name, age, boss=None):
        self.name, self.age, self.boss = name, age, boss
    def greet(self, greeting, punct='!'):
        return f'{greeting}, {self.name}{punct}'
people = [P('x', 30), P('y', 20, P('z', 50))]
print([p.name for p in sorted(people, key=attrgetter('age'))], attrgetter('name', 'age')(people[0]), attrgetter('boss.name')(people[1]))
print(methodcaller('greet', 'Hi')(people[0]), methodcaller('greet', 'Yo', punct='?')(people[1]), methodcaller('upper')('abc'))
print(repr(itemgetter(1)), repr(itemgetter(1, 'a')), repr(attrgetter('a.b', 'c')), repr(methodcaller('f', 1, k=2)))
print(operator.add(1, 2), operator.sub(5, 3), operator.mul('a', 3), operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10))
print(operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.lshift(1, 4), operator.rshift(16, 2), operator.neg(5), operator.pos(-5), operator.invert(5), operator.inv(0))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq(1, 1.0), operator.ne(1, 2), operator.gt(1, 2), operator.ge(3, 2), operator.not_(0), operator.truth([]), operator.abs(-3))
print(operator.is_(None, None), operator.is_not(1, None), operator.concat([1], [2]), operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'))
d = {'a': 1}
operator.setitem(d, 'b', 2)
operator.delitem(d, 'a')
print(d, operator.getitem(d, 'b'), operator.index(7), operator.length_hint([1, 2]), operator.length_hint(iter([]), 5), operator.call(max, 1, 5, 2))
l = [1]
print(operator.iadd(l, [2]) is l, l, operator.iadd(1, 2), operator.imul([0], 2), operator.__add__(1, 2), operator.__not__(1), operator.__and__(3, 1))
from functools import reduce
print(reduce(operator.mul, range(1, 6)), list(map(operator.sub, [5, 6], [1, 2])))
for bad in [lambda: itemgetter(), lambda: attrgetter(1), lambda: methodcaller(), lambda: methodcaller(1), lambda: itemgetter(1)(),
            lambda: operator.add(1), lambda: operator.concat(1, 2), lambda: operator.indexOf([1], 5), lambda: itemgetter(5)([1]),
            lambda: attrgetter('nope')(people[0]), lambda: operator.add(1, 'a'), lambda: operator.lt(1, 'a')]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(type(itemgetter(1)), itemgetter.__name__, operator.add)
