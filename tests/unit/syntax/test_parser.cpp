// Parser tests. The golden tables were produced by CPython 3.11 itself:
// `ast.dump(ast.parse(src))` for accepted programs, and the SyntaxError's
// type, msg, lineno and offset for rejected ones (see dump_ast in
// ast_dump.h, whose format is CPython's).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "syntax/ast_dump.h"
#include "syntax/parser.h"

namespace monty::syntax {
namespace {

std::string dump(std::string_view src) {
  ParseResult r = parse_module(src);
  if (r.error) return "ERR " + r.error->type + ": " + r.error->message;
  return dump_ast(*r.module);
}

SyntaxErrorInfo error_of(std::string_view src) {
  ParseResult r = parse_module(src);
  EXPECT_TRUE(r.error.has_value()) << src;
  return r.error ? *r.error : SyntaxErrorInfo{};
}

struct OkCase {
  const char* src;
  const char* dump;
};

const OkCase kOkCases[] = {
    {"x = 1",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], "
     "type_ignores=[])"},
    {"x = y = z",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store()), Name(id='y', ctx=Store())], "
     "value=Name(id='z', ctx=Load()))], type_ignores=[])"},
    {"a, *b = c",
     "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), "
     "Starred(value=Name(id='b', ctx=Store()), ctx=Store())], ctx=Store())], value=Name(id='c', "
     "ctx=Load()))], type_ignores=[])"},
    {"[a, b] = c",
     "Module(body=[Assign(targets=[List(elts=[Name(id='a', ctx=Store()), Name(id='b', "
     "ctx=Store())], ctx=Store())], value=Name(id='c', ctx=Load()))], type_ignores=[])"},
    {"a.b[1:2, ::3] = 1",
     "Module(body=[Assign(targets=[Subscript(value=Attribute(value=Name(id='a', ctx=Load()), "
     "attr='b', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), "
     "upper=Constant(value=2)), Slice(step=Constant(value=3))], ctx=Load()), ctx=Store())], "
     "value=Constant(value=1))], type_ignores=[])"},
    {"x += 1",
     "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Add(), "
     "value=Constant(value=1))], type_ignores=[])"},
    {"x: int = 1",
     "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', "
     "ctx=Load()), value=Constant(value=1), simple=1)], type_ignores=[])"},
    {"(x): int",
     "Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', "
     "ctx=Load()), simple=0)], type_ignores=[])"},
    {"del a, b[0], c.d",
     "Module(body=[Delete(targets=[Name(id='a', ctx=Del()), Subscript(value=Name(id='b', "
     "ctx=Load()), slice=Constant(value=0), ctx=Del()), Attribute(value=Name(id='c', ctx=Load()), "
     "attr='d', ctx=Del())])], type_ignores=[])"},
    {"1 + 2 * 3 - 4 / 5 // 6 % 7 @ 8",
     "Module(body=[Expr(value=BinOp(left=BinOp(left=Constant(value=1), op=Add(), "
     "right=BinOp(left=Constant(value=2), op=Mult(), right=Constant(value=3))), op=Sub(), "
     "right=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Constant(value=4), op=Div(), "
     "right=Constant(value=5)), op=FloorDiv(), right=Constant(value=6)), op=Mod(), "
     "right=Constant(value=7)), op=MatMult(), right=Constant(value=8))))], type_ignores=[])"},
    {"-2**2",
     "Module(body=[Expr(value=UnaryOp(op=USub(), operand=BinOp(left=Constant(value=2), op=Pow(), "
     "right=Constant(value=2))))], type_ignores=[])"},
    {"2**-1",
     "Module(body=[Expr(value=BinOp(left=Constant(value=2), op=Pow(), right=UnaryOp(op=USub(), "
     "operand=Constant(value=1))))], type_ignores=[])"},
    {"2**3**4",
     "Module(body=[Expr(value=BinOp(left=Constant(value=2), op=Pow(), "
     "right=BinOp(left=Constant(value=3), op=Pow(), right=Constant(value=4))))], type_ignores=[])"},
    {"a | b ^ c & d << e >> f",
     "Module(body=[Expr(value=BinOp(left=Name(id='a', ctx=Load()), op=BitOr(), "
     "right=BinOp(left=Name(id='b', ctx=Load()), op=BitXor(), right=BinOp(left=Name(id='c', "
     "ctx=Load()), op=BitAnd(), right=BinOp(left=BinOp(left=Name(id='d', ctx=Load()), op=LShift(), "
     "right=Name(id='e', ctx=Load())), op=RShift(), right=Name(id='f', ctx=Load()))))))], "
     "type_ignores=[])"},
    {"not a and b or c",
     "Module(body=[Expr(value=BoolOp(op=Or(), values=[BoolOp(op=And(), values=[UnaryOp(op=Not(), "
     "operand=Name(id='a', ctx=Load())), Name(id='b', ctx=Load())]), Name(id='c', ctx=Load())]))], "
     "type_ignores=[])"},
    {"a or b or c",
     "Module(body=[Expr(value=BoolOp(op=Or(), values=[Name(id='a', ctx=Load()), Name(id='b', "
     "ctx=Load()), Name(id='c', ctx=Load())]))], type_ignores=[])"},
    {"a < b <= c == d != e > f >= g is h is not i in j not in k",
     "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), LtE(), Eq(), "
     "NotEq(), Gt(), GtE(), Is(), IsNot(), In(), NotIn()], comparators=[Name(id='b', ctx=Load()), "
     "Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', ctx=Load()), Name(id='f', "
     "ctx=Load()), Name(id='g', ctx=Load()), Name(id='h', ctx=Load()), Name(id='i', ctx=Load()), "
     "Name(id='j', ctx=Load()), Name(id='k', ctx=Load())]))], type_ignores=[])"},
    {"x if y else z",
     "Module(body=[Expr(value=IfExp(test=Name(id='y', ctx=Load()), body=Name(id='x', ctx=Load()), "
     "orelse=Name(id='z', ctx=Load())))], type_ignores=[])"},
    {"lambda: 0",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], "
     "kw_defaults=[], defaults=[]), body=Constant(value=0)))], type_ignores=[])"},
    {"lambda x, y=1, *a, z, w=2, **k: x",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[arg(arg='x'), "
     "arg(arg='y')], vararg=arg(arg='a'), kwonlyargs=[arg(arg='z'), arg(arg='w')], "
     "kw_defaults=[None, Constant(value=2)], kwarg=arg(arg='k'), defaults=[Constant(value=1)]), "
     "body=Name(id='x', ctx=Load())))], type_ignores=[])"},
    {"f(a, *b, c=1, **d)",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load()), "
     "Starred(value=Name(id='b', ctx=Load()), ctx=Load())], keywords=[keyword(arg='c', "
     "value=Constant(value=1)), keyword(value=Name(id='d', ctx=Load()))]))], type_ignores=[])"},
    {"f(x for x in y)",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), "
     "args=[GeneratorExp(elt=Name(id='x', ctx=Load()), "
     "generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), "
     "ifs=[], is_async=0)])], keywords=[]))], type_ignores=[])"},
    {"(x for x in y if z if w for q in r)",
     "Module(body=[Expr(value=GeneratorExp(elt=Name(id='x', ctx=Load()), "
     "generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), "
     "ifs=[Name(id='z', ctx=Load()), Name(id='w', ctx=Load())], is_async=0), "
     "comprehension(target=Name(id='q', ctx=Store()), iter=Name(id='r', ctx=Load()), ifs=[], "
     "is_async=0)]))], type_ignores=[])"},
    {"[x for x in y]",
     "Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load()), "
     "generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), "
     "ifs=[], is_async=0)]))], type_ignores=[])"},
    {"{x for x in y}",
     "Module(body=[Expr(value=SetComp(elt=Name(id='x', ctx=Load()), "
     "generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), "
     "ifs=[], is_async=0)]))], type_ignores=[])"},
    {"{k: v for k, v in d.items()}",
     "Module(body=[Expr(value=DictComp(key=Name(id='k', ctx=Load()), value=Name(id='v', "
     "ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store()), "
     "Name(id='v', ctx=Store())], ctx=Store()), iter=Call(func=Attribute(value=Name(id='d', "
     "ctx=Load()), attr='items', ctx=Load()), args=[], keywords=[]), ifs=[], is_async=0)]))], "
     "type_ignores=[])"},
    {"{}", "Module(body=[Expr(value=Dict(keys=[], values=[]))], type_ignores=[])"},
    {"{1: 2, **a}",
     "Module(body=[Expr(value=Dict(keys=[Constant(value=1), None], values=[Constant(value=2), "
     "Name(id='a', ctx=Load())]))], type_ignores=[])"},
    {"{1, *a}",
     "Module(body=[Expr(value=Set(elts=[Constant(value=1), Starred(value=Name(id='a', ctx=Load()), "
     "ctx=Load())]))], type_ignores=[])"},
    {"()", "Module(body=[Expr(value=Tuple(elts=[], ctx=Load()))], type_ignores=[])"},
    {"(1,)",
     "Module(body=[Expr(value=Tuple(elts=[Constant(value=1)], ctx=Load()))], type_ignores=[])"},
    {"(1)", "Module(body=[Expr(value=Constant(value=1))], type_ignores=[])"},
    {"[*a, *b]",
     "Module(body=[Expr(value=List(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), "
     "Starred(value=Name(id='b', ctx=Load()), ctx=Load())], ctx=Load()))], type_ignores=[])"},
    {"a[1]",
     "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Constant(value=1), "
     "ctx=Load()))], type_ignores=[])"},
    {"a[::]",
     "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Slice(), "
     "ctx=Load()))], type_ignores=[])"},
    {"a[:, 1]",
     "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=[Slice(), "
     "Constant(value=1)], ctx=Load()), ctx=Load()))], type_ignores=[])"},
    {"a[*b]",
     "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), "
     "slice=Tuple(elts=[Starred(value=Name(id='b', ctx=Load()), ctx=Load())], ctx=Load()), "
     "ctx=Load()))], type_ignores=[])"},
    {"def f():\n  yield\n  yield 1\n  yield from x\n  x = yield a, b",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], "
     "kw_defaults=[], defaults=[]), body=[Expr(value=Yield()), "
     "Expr(value=Yield(value=Constant(value=1))), Expr(value=YieldFrom(value=Name(id='x', "
     "ctx=Load()))), Assign(targets=[Name(id='x', ctx=Store())], "
     "value=Yield(value=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], "
     "ctx=Load())))], decorator_list=[])], type_ignores=[])"},
    {"x = 0xFF + 0o17 + 0b101 + 1_000 + 1.5 + 1e10 + 1.5e-3 + 2j + .5 + 5.",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
     "value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp("
     "left=BinOp(left=Constant(value=255), op=Add(), right=Constant(value=15)), op=Add(), "
     "right=Constant(value=5)), op=Add(), right=Constant(value=1000)), op=Add(), "
     "right=Constant(value=1.5)), op=Add(), right=Constant(value=10000000000.0)), op=Add(), "
     "right=Constant(value=0.0015)), op=Add(), right=Constant(value=2j)), op=Add(), "
     "right=Constant(value=0.5)), op=Add(), right=Constant(value=5.0)))], type_ignores=[])"},
    {"x = 99999999999999999999999 + 0xFFFFFFFFFFFFFFFFFFFF + 9223372036854775807 + "
     "9223372036854775808",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
     "value=BinOp(left=BinOp(left=BinOp(left=Constant(value=99999999999999999999999), op=Add(), "
     "right=Constant(value=1208925819614629174706175)), op=Add(), "
     "right=Constant(value=9223372036854775807)), op=Add(), "
     "right=Constant(value=9223372036854775808)))], type_ignores=[])"},
    {"'abc' 'def'", "Module(body=[Expr(value=Constant(value='abcdef'))], type_ignores=[])"},
    {"b'abc' b'\\x00'", "Module(body=[Expr(value=Constant(value=b'abc\\x00'))], type_ignores=[])"},
    {"r'\\n' '\\n'", "Module(body=[Expr(value=Constant(value='\\\\n\\n'))], type_ignores=[])"},
    {"'\\x41\\u00e9\\101\\0'",
     "Module(body=[Expr(value=Constant(value='AéA\\x00'))], type_ignores=[])"},
    {"'\\q\\w'", "Module(body=[Expr(value=Constant(value='\\\\q\\\\w'))], type_ignores=[])"},
    {"'''a\nb'''", "Module(body=[Expr(value=Constant(value='a\\nb'))], type_ignores=[])"},
    {"f'{x}'",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), "
     "conversion=-1)]))], type_ignores=[])"},
    {"f'a{x!r:>{w}}b'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='a'), "
     "FormattedValue(value=Name(id='x', ctx=Load()), conversion=114, "
     "format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Name(id='w', "
     "ctx=Load()), conversion=-1)])), Constant(value='b')]))], type_ignores=[])"},
    {"f'{x=}'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x='), "
     "FormattedValue(value=Name(id='x', ctx=Load()), conversion=114)]))], type_ignores=[])"},
    {"f'{x = }'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x = '), "
     "FormattedValue(value=Name(id='x', ctx=Load()), conversion=114)]))], type_ignores=[])"},
    {"f'{x=:>10}'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x='), "
     "FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, "
     "format_spec=JoinedStr(values=[Constant(value='>10')]))]))], type_ignores=[])"},
    {"f'{x=!s}'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x='), "
     "FormattedValue(value=Name(id='x', ctx=Load()), conversion=115)]))], type_ignores=[])"},
    {"'a' f'b{c}d' 'e'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='ab'), "
     "FormattedValue(value=Name(id='c', ctx=Load()), conversion=-1), Constant(value='de')]))], "
     "type_ignores=[])"},
    {"f'{{}}{a}}}'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='{}'), "
     "FormattedValue(value=Name(id='a', ctx=Load()), conversion=-1), Constant(value='}')]))], "
     "type_ignores=[])"},
    {"f''", "Module(body=[Expr(value=JoinedStr(values=[]))], type_ignores=[])"},
    {"f'{x:}'",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), "
     "conversion=-1, format_spec=JoinedStr(values=[]))]))], type_ignores=[])"},
    {"f'{3.14:.2f}'",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Constant(value=3.14), "
     "conversion=-1, format_spec=JoinedStr(values=[Constant(value='.2f')]))]))], type_ignores=[])"},
    {"rf'\\{x}'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='\\\\'), "
     "FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]))], type_ignores=[])"},
    {"f'\\n{x}\\t'",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='\\n'), "
     "FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1), Constant(value='\\t')]))], "
     "type_ignores=[])"},
    {"f'{f\"{x}\"}'",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=JoinedStr(values=["
     "FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]), conversion=-1)]))], "
     "type_ignores=[])"},
    {"f'''{\nx\n}'''",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), "
     "conversion=-1)]))], type_ignores=[])"},
    {"f'{x,y}'",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Tuple(elts=[Name(id='x', "
     "ctx=Load()), Name(id='y', ctx=Load())], ctx=Load()), conversion=-1)]))], type_ignores=[])"},
    {"f'{x:{y}.{z}f}'",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), "
     "conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='y', ctx=Load()), "
     "conversion=-1), Constant(value='.'), FormattedValue(value=Name(id='z', ctx=Load()), "
     "conversion=-1), Constant(value='f')]))]))], type_ignores=[])"},
    {"if a:\n  pass\nelif b:\n  pass\nelif c:\n  pass\nelse:\n  pass",
     "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='b', "
     "ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='c', ctx=Load()), body=[Pass()], "
     "orelse=[Pass()])])])], type_ignores=[])"},
    {"while a:\n  break\nelse:\n  continue",
     "Module(body=[While(test=Name(id='a', ctx=Load()), body=[Break()], orelse=[Continue()])], "
     "type_ignores=[])"},
    {"for x, y in z:\n  pass\nelse:\n  pass",
     "Module(body=[For(target=Tuple(elts=[Name(id='x', ctx=Store()), Name(id='y', ctx=Store())], "
     "ctx=Store()), iter=Name(id='z', ctx=Load()), body=[Pass()], orelse=[Pass()])], "
     "type_ignores=[])"},
    {"try:\n  pass\nexcept E as e:\n  pass\nexcept (A, B):\n  pass\nexcept:\n  pass\nelse:\n  "
     "pass\nfinally:\n  pass",
     "Module(body=[Try(body=[Pass()], handlers=[ExceptHandler(type=Name(id='E', ctx=Load()), "
     "name='e', body=[Pass()]), ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load()), "
     "Name(id='B', ctx=Load())], ctx=Load()), body=[Pass()]), ExceptHandler(body=[Pass()])], "
     "orelse=[Pass()], finalbody=[Pass()])], type_ignores=[])"},
    {"try:\n  pass\nexcept* E:\n  pass",
     "Module(body=[TryStar(body=[Pass()], handlers=[ExceptHandler(type=Name(id='E', ctx=Load()), "
     "body=[Pass()])], orelse=[], finalbody=[])], type_ignores=[])"},
    {"with a as b, c as (d, e):\n  pass",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), "
     "optional_vars=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()), "
     "optional_vars=Tuple(elts=[Name(id='d', ctx=Store()), Name(id='e', ctx=Store())], "
     "ctx=Store()))], body=[Pass()])], type_ignores=[])"},
    {"with (a as b, c):\n  pass",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), "
     "optional_vars=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()))], "
     "body=[Pass()])], type_ignores=[])"},
    {"with (a, b):\n  pass",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load())), "
     "withitem(context_expr=Name(id='b', ctx=Load()))], body=[Pass()])], type_ignores=[])"},
    {"with (a) as b:\n  pass",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load()), "
     "optional_vars=Name(id='b', ctx=Store()))], body=[Pass()])], type_ignores=[])"},
    {"@d\n@e.f(g)\ndef f(a, /, b, *, c):\n  return a",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a')], "
     "args=[arg(arg='b')], kwonlyargs=[arg(arg='c')], kw_defaults=[None], defaults=[]), "
     "body=[Return(value=Name(id='a', ctx=Load()))], decorator_list=[Name(id='d', ctx=Load()), "
     "Call(func=Attribute(value=Name(id='e', ctx=Load()), attr='f', ctx=Load()), "
     "args=[Name(id='g', ctx=Load())], keywords=[])])], type_ignores=[])"},
    {"def f(a: int = 1, *args: str, **kw) -> None:\n  pass",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a', "
     "annotation=Name(id='int', ctx=Load()))], vararg=arg(arg='args', annotation=Name(id='str', "
     "ctx=Load())), kwonlyargs=[], kw_defaults=[], kwarg=arg(arg='kw'), "
     "defaults=[Constant(value=1)]), body=[Pass()], decorator_list=[], "
     "returns=Constant(value=None))], type_ignores=[])"},
    {"class A(B, C, metaclass=M):\n  x = 1\n  def m(self): pass",
     "Module(body=[ClassDef(name='A', bases=[Name(id='B', ctx=Load()), Name(id='C', ctx=Load())], "
     "keywords=[keyword(arg='metaclass', value=Name(id='M', ctx=Load()))], "
     "body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), "
     "FunctionDef(name='m', args=arguments(posonlyargs=[], args=[arg(arg='self')], kwonlyargs=[], "
     "kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[])], decorator_list=[])], "
     "type_ignores=[])"},
    {"import a, b.c as d",
     "Module(body=[Import(names=[alias(name='a'), alias(name='b.c', asname='d')])], "
     "type_ignores=[])"},
    {"from . import x",
     "Module(body=[ImportFrom(names=[alias(name='x')], level=1)], type_ignores=[])"},
    {"from ..a.b import (c as d, e,)",
     "Module(body=[ImportFrom(module='a.b', names=[alias(name='c', asname='d'), alias(name='e')], "
     "level=2)], type_ignores=[])"},
    {"from x import *",
     "Module(body=[ImportFrom(module='x', names=[alias(name='*')], level=0)], type_ignores=[])"},
    {"global a, b", "Module(body=[Global(names=['a', 'b'])], type_ignores=[])"},
    {"nonlocal a", "Module(body=[Nonlocal(names=['a'])], type_ignores=[])"},
    {"raise", "Module(body=[Raise()], type_ignores=[])"},
    {"raise E from F",
     "Module(body=[Raise(exc=Name(id='E', ctx=Load()), cause=Name(id='F', ctx=Load()))], "
     "type_ignores=[])"},
    {"assert x, 'msg'",
     "Module(body=[Assert(test=Name(id='x', ctx=Load()), msg=Constant(value='msg'))], "
     "type_ignores=[])"},
    {"return", "Module(body=[Return()], type_ignores=[])"},
    {"pass; pass", "Module(body=[Pass(), Pass()], type_ignores=[])"},
    {"x = 1; y = 2;",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), "
     "Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))], type_ignores=[])"},
    {"match x:\n  case 1:\n    pass\n  case 'a' | 'b':\n    pass\n  case [1, *rest]:\n    pass\n  "
     "case {'k': v, **kw}:\n    pass\n  case Point(1, y=2):\n    pass\n  case a.b.c:\n    pass\n  "
     "case -1 + 2j:\n    pass\n  case None:\n    pass\n  case (a, b) as c if c:\n    pass\n  case "
     "_:\n    pass",
     "Module(body=[Match(subject=Name(id='x', ctx=Load()), "
     "cases=[match_case(pattern=MatchValue(value=Constant(value=1)), body=[Pass()]), "
     "match_case(pattern=MatchOr(patterns=[MatchValue(value=Constant(value='a')), "
     "MatchValue(value=Constant(value='b'))]), body=[Pass()]), "
     "match_case(pattern=MatchSequence(patterns=[MatchValue(value=Constant(value=1)), "
     "MatchStar(name='rest')]), body=[Pass()]), "
     "match_case(pattern=MatchMapping(keys=[Constant(value='k')], patterns=[MatchAs(name='v')], "
     "rest='kw'), body=[Pass()]), match_case(pattern=MatchClass(cls=Name(id='Point', ctx=Load()), "
     "patterns=[MatchValue(value=Constant(value=1))], kwd_attrs=['y'], "
     "kwd_patterns=[MatchValue(value=Constant(value=2))]), body=[Pass()]), "
     "match_case(pattern=MatchValue(value=Attribute(value=Attribute(value=Name(id='a', "
     "ctx=Load()), attr='b', ctx=Load()), attr='c', ctx=Load())), body=[Pass()]), "
     "match_case(pattern=MatchValue(value=BinOp(left=UnaryOp(op=USub(), "
     "operand=Constant(value=1)), op=Add(), right=Constant(value=2j))), body=[Pass()]), "
     "match_case(pattern=MatchSingleton(value=None), body=[Pass()]), "
     "match_case(pattern=MatchAs(pattern=MatchSequence(patterns=[MatchAs(name='a'), "
     "MatchAs(name='b')]), name='c'), guard=Name(id='c', ctx=Load()), body=[Pass()]), "
     "match_case(pattern=MatchAs(), body=[Pass()])])], type_ignores=[])"},
    {"match = 3\nmatch(x)\nmatch[x]\nmatch.y = 2",
     "Module(body=[Assign(targets=[Name(id='match', ctx=Store())], value=Constant(value=3)), "
     "Expr(value=Call(func=Name(id='match', ctx=Load()), args=[Name(id='x', ctx=Load())], "
     "keywords=[])), Expr(value=Subscript(value=Name(id='match', ctx=Load()), slice=Name(id='x', "
     "ctx=Load()), ctx=Load())), Assign(targets=[Attribute(value=Name(id='match', ctx=Load()), "
     "attr='y', ctx=Store())], value=Constant(value=2))], type_ignores=[])"},
    {"case = 1",
     "Module(body=[Assign(targets=[Name(id='case', ctx=Store())], value=Constant(value=1))], "
     "type_ignores=[])"},
    {"match x, y:\n  case (1, 2):\n    pass",
     "Module(body=[Match(subject=Tuple(elts=[Name(id='x', ctx=Load()), Name(id='y', ctx=Load())], "
     "ctx=Load()), "
     "cases=[match_case(pattern=MatchSequence(patterns=[MatchValue(value=Constant(value=1)), "
     "MatchValue(value=Constant(value=2))]), body=[Pass()])])], type_ignores=[])"},
    {"match x:\n  case [a, (b, *c)]:\n    pass\n  case ():\n    pass\n  case (*a,):\n    pass",
     "Module(body=[Match(subject=Name(id='x', ctx=Load()), "
     "cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='a'), "
     "MatchSequence(patterns=[MatchAs(name='b'), MatchStar(name='c')])]), body=[Pass()]), "
     "match_case(pattern=MatchSequence(patterns=[]), body=[Pass()]), "
     "match_case(pattern=MatchSequence(patterns=[MatchStar(name='a')]), body=[Pass()])])], "
     "type_ignores=[])"},
    {"async def f():\n  await x\n  async for a in b:\n    pass\n  async with c:\n    pass\n  [x "
     "async for x in y]",
     "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], "
     "kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=Await(value=Name(id='x', "
     "ctx=Load()))), AsyncFor(target=Name(id='a', ctx=Store()), iter=Name(id='b', ctx=Load()), "
     "body=[Pass()], orelse=[]), AsyncWith(items=[withitem(context_expr=Name(id='c', "
     "ctx=Load()))], body=[Pass()]), Expr(value=ListComp(elt=Name(id='x', ctx=Load()), "
     "generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), "
     "ifs=[], is_async=1)]))], decorator_list=[])], type_ignores=[])"},
    {"x = (a := 1)",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=NamedExpr(target=Name(id='a', "
     "ctx=Store()), value=Constant(value=1)))], type_ignores=[])"},
    {"f(a := 1)",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), "
     "args=[NamedExpr(target=Name(id='a', ctx=Store()), value=Constant(value=1))], keywords=[]))], "
     "type_ignores=[])"},
    {"print(*a, sep='')",
     "Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load()), "
     "args=[Starred(value=Name(id='a', ctx=Load()), ctx=Load())], keywords=[keyword(arg='sep', "
     "value=Constant(value=''))]))], type_ignores=[])"},
    {"x = a.b.c(d)[e].f",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
     "value=Attribute(value=Subscript(value=Call(func=Attribute(value=Attribute(value=Name(id='a', "
     "ctx=Load()), attr='b', ctx=Load()), attr='c', ctx=Load()), args=[Name(id='d', ctx=Load())], "
     "keywords=[]), slice=Name(id='e', ctx=Load()), ctx=Load()), attr='f', ctx=Load()))], "
     "type_ignores=[])"},
    {"x = ~a + +b - -c",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
     "value=BinOp(left=BinOp(left=UnaryOp(op=Invert(), operand=Name(id='a', ctx=Load())), "
     "op=Add(), right=UnaryOp(op=UAdd(), operand=Name(id='b', ctx=Load()))), op=Sub(), "
     "right=UnaryOp(op=USub(), operand=Name(id='c', ctx=Load()))))], type_ignores=[])"},
    {"x = not not a",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=UnaryOp(op=Not(), "
     "operand=UnaryOp(op=Not(), operand=Name(id='a', ctx=Load()))))], type_ignores=[])"},
    {"a if b else c if d else e",
     "Module(body=[Expr(value=IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', ctx=Load()), "
     "orelse=IfExp(test=Name(id='d', ctx=Load()), body=Name(id='c', ctx=Load()), "
     "orelse=Name(id='e', ctx=Load()))))], type_ignores=[])"},
    {"x = [\n  1,\n  2,\n]",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=List(elts=[Constant(value=1), "
     "Constant(value=2)], ctx=Load()))], type_ignores=[])"},
    {"x = 1 + \\\n  2",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value=1), "
     "op=Add(), right=Constant(value=2)))], type_ignores=[])"},
    {"if x:\n\n  # c\n  y\n\n# z\nz",
     "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Expr(value=Name(id='y', ctx=Load()))], "
     "orelse=[]), Expr(value=Name(id='z', ctx=Load()))], type_ignores=[])"},
    {"if x:\n\ty\n\tz",
     "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Expr(value=Name(id='y', ctx=Load())), "
     "Expr(value=Name(id='z', ctx=Load()))], orelse=[])], type_ignores=[])"},
    {"x = ...",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=Ellipsis))], "
     "type_ignores=[])"},
    {"x = 1if y else 2",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=IfExp(test=Name(id='y', "
     "ctx=Load()), body=Constant(value=1), orelse=Constant(value=2)))], type_ignores=[])"},
    {"x = \"it's\"",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=\"it's\"))], "
     "type_ignores=[])"},
    {"x = 1e100",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1e+100))], "
     "type_ignores=[])"},
    {"x = 1e-7",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1e-07))], "
     "type_ignores=[])"},
    {"x = 0.0001",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=0.0001))], "
     "type_ignores=[])"},
    {"x = 123456789.123456789",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
     "value=Constant(value=123456789.12345679))], type_ignores=[])"},
    {"x = (-1) ** 2",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=UnaryOp(op=USub(), "
     "operand=Constant(value=1)), op=Pow(), right=Constant(value=2)))], type_ignores=[])"},
    {"(a)(b)",
     "Module(body=[Expr(value=Call(func=Name(id='a', ctx=Load()), args=[Name(id='b', ctx=Load())], "
     "keywords=[]))], type_ignores=[])"},
    {"x = (a + b) * c",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
     "value=BinOp(left=BinOp(left=Name(id='a', ctx=Load()), op=Add(), right=Name(id='b', "
     "ctx=Load())), op=Mult(), right=Name(id='c', ctx=Load())))], type_ignores=[])"},
    {"x = *a, b",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
     "value=Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), Name(id='b', "
     "ctx=Load())], ctx=Load()))], type_ignores=[])"},
    {"for x in *a, *b: pass",
     "Module(body=[For(target=Name(id='x', ctx=Store()), "
     "iter=Tuple(elts=[Starred(value=Name(id='a', ctx=Load()), ctx=Load()), "
     "Starred(value=Name(id='b', ctx=Load()), ctx=Load())], ctx=Load()), body=[Pass()], "
     "orelse=[])], type_ignores=[])"},
    {"x = yield from a",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=YieldFrom(value=Name(id='a', "
     "ctx=Load())))], type_ignores=[])"},
    {"x = [i for i in a if i for j in b if j if k]",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=ListComp(elt=Name(id='i', "
     "ctx=Load()), generators=[comprehension(target=Name(id='i', ctx=Store()), iter=Name(id='a', "
     "ctx=Load()), ifs=[Name(id='i', ctx=Load())], is_async=0), comprehension(target=Name(id='j', "
     "ctx=Store()), iter=Name(id='b', ctx=Load()), ifs=[Name(id='j', ctx=Load()), Name(id='k', "
     "ctx=Load())], is_async=0)]))], type_ignores=[])"},
    {"x = 1\x0d"
     "\ny = 2\x0d"
     "\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), "
     "Assign(targets=[Name(id='y', ctx=Store())], value=Constant(value=2))], type_ignores=[])"},
    {"x = '''a\x0d"
     "\nb'''",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value='a\\nb'))], "
     "type_ignores=[])"},
    {"x = '\\\n'",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=''))], "
     "type_ignores=[])"},
    {"def f(*, a): pass",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], "
     "kwonlyargs=[arg(arg='a')], kw_defaults=[None], defaults=[]), body=[Pass()], "
     "decorator_list=[])], type_ignores=[])"},
    {"def f(a, /): pass",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a')], args=[], "
     "kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[])], "
     "type_ignores=[])"},
    {"lambda a, /, b: 0",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[arg(arg='a')], "
     "args=[arg(arg='b')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=0)))], "
     "type_ignores=[])"},
};

TEST(Parser, MatchesCPythonAstDump) {
  for (const auto& c : kOkCases) EXPECT_EQ(dump(c.src), c.dump) << "source: " << c.src;
}

struct ErrCase {
  const char* src;
  const char* type;
  const char* message;
  int line;
  int col;
};

const ErrCase kErrCases[] = {
    {"x = (", "SyntaxError", "'(' was never closed", 1, 5},
    {"foo(\ndef bar(): pass\n", "SyntaxError", "'(' was never closed", 1, 4},
    {")", "SyntaxError", "unmatched ')'", 1, 1},
    {"x = [1, 2)", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '['",
     1, 10},
    {"if x\n  pass", "SyntaxError", "expected ':'", 1, 5},
    {"1 = x", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?",
     1, 1},
    {"f() = 1", "SyntaxError",
     "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1},
    {"x = 'abc", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5},
    {"x = '''abc\n\ndef", "SyntaxError",
     "unterminated triple-quoted string literal (detected at line 3)", 1, 5},
    {"  x = 1", "IndentationError", "unexpected indent", 1, 2},
    {"if x:\npass", "IndentationError", "expected an indented block after 'if' statement on line 1",
     2, 1},
    {"if x:\n    a\n  b", "IndentationError", "unindent does not match any outer indentation level",
     3, 4},
    {"012", "SyntaxError",
     "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal "
     "integers",
     1, 1},
    {"0_", "SyntaxError", "invalid decimal literal", 1, 2},
    {"1__0", "SyntaxError", "invalid decimal literal", 1, 2},
    {"1e", "SyntaxError", "invalid decimal literal", 1, 1},
    {"0x", "SyntaxError", "invalid hexadecimal literal", 1, 2},
    {"0b2", "SyntaxError", "invalid digit '2' in binary literal", 1, 3},
    {"0o8", "SyntaxError", "invalid digit '8' in octal literal", 1, 3},
    {"1_", "SyntaxError", "invalid decimal literal", 1, 2},
    {"f(a=1, b)", "SyntaxError", "positional argument follows keyword argument", 1, 9},
    {"def f(a=1, b): pass", "SyntaxError", "non-default argument follows default argument", 1, 12},
    {"x = 1 2", "SyntaxError", "invalid syntax", 1, 7},
    {"print 'x'", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?",
     1, 1},
    {"1 +", "SyntaxError", "invalid syntax", 1, 4},
    {"1 +\n'abc", "SyntaxError", "unterminated string literal (detected at line 2)", 2, 1},
    {"'\\x4'", "SyntaxError",
     "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX "
     "escape",
     1, 6},
    {"'a' b'c'", "SyntaxError", "cannot mix bytes and nonbytes literals", 1, 9},
    {"f'{}'", "SyntaxError", "f-string: empty expression not allowed", 1, 6},
    {"f'{x'", "SyntaxError", "f-string: expecting '}'", 1, 6},
    {"f'}'", "SyntaxError", "f-string: single '}' is not allowed", 1, 5},
    {"f'{x!z}'", "SyntaxError", "f-string: invalid conversion character: expected 's', 'r', or 'a'",
     1, 9},
    {"f'{#}'", "SyntaxError", "f-string expression part cannot include '#'", 1, 7},
    {"f'{\\n}'", "SyntaxError", "f-string expression part cannot include a backslash", 1, 8},
    {"f'{x:{y:{z}}}'", "SyntaxError", "f-string: expressions nested too deeply", 1, 15},
    {"x = )", "SyntaxError", "unmatched ')'", 1, 5},
    {"for x in y\n  pass", "SyntaxError", "expected ':'", 1, 11},
    {"def f()\n pass", "SyntaxError", "expected ':'", 1, 8},
    {"class A\n pass", "SyntaxError", "expected ':'", 1, 8},
    {"else:", "SyntaxError", "invalid syntax", 1, 1},
    {"del 1", "SyntaxError", "cannot delete literal", 1, 5},
    {"del f()", "SyntaxError", "cannot delete function call", 1, 5},
    {"(a, b) += 1", "SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1,
     1},
    {"a, b += 1", "SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1, 1},
    {"[x for x in y] = 1", "SyntaxError",
     "cannot assign to list comprehension here. Maybe you meant '==' instead of '='?", 1, 1},
    {"None = 1", "SyntaxError", "cannot assign to None", 1, 1},
    {"x.None", "SyntaxError", "invalid syntax", 1, 3},
    {"def f(*): pass", "SyntaxError", "named arguments must follow bare *", 1, 7},
    {"def f(**k, a): pass", "SyntaxError", "arguments cannot follow var-keyword argument", 1, 12},
    {"import a.b as", "SyntaxError", "invalid syntax", 1, 14},
    {"from . import *, a", "SyntaxError", "invalid syntax", 1, 16},
    {"x = yield = 1", "SyntaxError", "assignment to yield expression not possible", 1, 5},
    {"if x:\n\ta\n        b", "TabError", "inconsistent use of tabs and spaces in indentation", 3,
     1},
    {"x = 1 if 2", "SyntaxError", "expected 'else' after 'if' expression", 1, 5},
    {"a := 1", "SyntaxError", "invalid syntax", 1, 3},
    {"f(**k, *a)", "SyntaxError", "iterable argument unpacking follows keyword argument unpacking",
     1, 8},
    {"f(a for a in b, c)", "SyntaxError", "Generator expression must be parenthesized", 1, 3},
    {"$", "SyntaxError", "invalid syntax", 1, 1},
    {"1.__x__", "SyntaxError", "invalid decimal literal", 1, 2},
    {"a.1", "SyntaxError", "invalid syntax", 1, 2},
    {"x = 5 +* 3", "SyntaxError", "invalid syntax", 1, 8},
    {"'''abc", "SyntaxError", "unterminated triple-quoted string literal (detected at line 1)", 1,
     1},
    {"if True:\n  x = (1,\n  y", "SyntaxError", "'(' was never closed", 2, 7},
    {"x = {1: 2, 3}", "SyntaxError", "':' expected after dictionary key", 1, 12},
    {"@\ndef f(): pass", "SyntaxError", "invalid syntax", 1, 2},
    // Errors at end of input: where CPython reports them reading a file
    // (`python3 file.py`: the last line, offset 0, shown without a caret);
    // compile() on a string would say 2, 7 and 1, 9.
    {"try:\n  pass\n", "SyntaxError", "expected 'except' or 'finally' block", 2, 0},
    {"try:\n  pass\n\n\n", "SyntaxError", "expected 'except' or 'finally' block", 4, 0},
    {"try:\n pass\nx=1", "SyntaxError", "expected 'except' or 'finally' block", 3, 1},
    {"with a as 1: pass", "SyntaxError", "cannot assign to literal", 1, 11},
    {"for 1 in x: pass", "SyntaxError", "cannot assign to literal", 1, 5},
    {"x = [1, 2\ny = 3", "SyntaxError", "'[' was never closed", 1, 5},
    {"print(1\nprint(2)", "SyntaxError", "'(' was never closed", 1, 6},
    {"if x = 1: pass", "SyntaxError",
     "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4},
    {"a = 1 = 2", "SyntaxError", "cannot assign to literal", 1, 5},
    {"from x import a,", "SyntaxError",
     "trailing comma not allowed without surrounding parentheses", 1, 17},
    {"\\", "SyntaxError", "unexpected EOF while parsing", 1, 2},
    {"x = 1 \\ 2", "SyntaxError", "unexpected character after line continuation character", 1, 8},
    {"x = €", "SyntaxError", "invalid character '€' (U+20AC)", 1, 5},
    {"f(a.b=1)", "SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"?",
     1, 3},
    {"f(True=1)", "SyntaxError", "cannot assign to True", 1, 3},
    {"(a, f()) = 1", "SyntaxError", "cannot assign to function call", 1, 5},
    {"a, f() = 1", "SyntaxError",
     "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 4},
    {"a < b = 1", "SyntaxError", "cannot assign to comparison", 1, 1},
    {"f() = a = b", "SyntaxError", "cannot assign to function call", 1, 1},
    {"(a, b): int", "SyntaxError", "only single target (not tuple) can be annotated", 1, 1},
    {"a + 1: int", "SyntaxError", "illegal target for annotation", 1, 1},
    {"del *a", "SyntaxError", "cannot delete starred", 1, 5},
    {"def f(/, a): pass", "SyntaxError", "at least one argument must precede /", 1, 7},
    {"def f(a, /, b, /): pass", "SyntaxError", "/ may appear only once", 1, 16},
    {"def f(*a, *b): pass", "SyntaxError", "* argument may appear only once", 1, 11},
    {"x = [*a for a in b]", "SyntaxError", "iterable unpacking cannot be used in comprehension", 1,
     6},
    {"try:\n  pass\nexcept E, F:\n  pass", "SyntaxError",
     "multiple exception types must be parenthesized", 3, 8},
    {"match x:\n  case 1+1: pass", "SyntaxError", "imaginary number required in complex literal", 2,
     10},
    {"match x:\n case Point(x=1, 2): pass", "SyntaxError",
     "positional patterns follow keyword patterns", 2, 18},
    {"x = (1 2)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6},
    {"f(a b)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3},
    {"def f():\n", "IndentationError",
     "expected an indented block after function definition on line 1", 1, 0},
    {"'\\U00110000'", "SyntaxError",
     "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode "
     "character",
     1, 13},
    {"'\\u12'", "SyntaxError",
     "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX "
     "escape",
     1, 7},
    {"x = a b", "SyntaxError", "invalid non-printable character U+00A0", 1, 6},
    {"(yield) = 1", "SyntaxError",
     "cannot assign to yield expression here. Maybe you meant '==' instead of '='?", 1, 2},
    {"x = {1, 2: 3}", "SyntaxError", "invalid syntax", 1, 10},
};

TEST(Parser, ErrorsMatchCPython) {
  for (const auto& c : kErrCases) {
    SyntaxErrorInfo e = error_of(c.src);
    EXPECT_EQ(e.type, c.type) << "source: " << c.src;
    EXPECT_EQ(e.message, c.message) << "source: " << c.src;
    EXPECT_EQ(e.line, c.line) << "source: " << c.src;
    EXPECT_EQ(e.col, c.col) << "source: " << c.src;
  }
}

// ---------------------------------------------------------------- spans

TEST(Parser, SpansAreCodePointsAndMatchCPython) {
  // CPython's columns are UTF-8 byte offsets; ours count code points.
  ParseResult r = parse_module("x = 'é' + y\n");
  ASSERT_TRUE(r.module);
  const ast::Stmt& s = *r.module->body[0];
  EXPECT_EQ(s.span.line, 1);
  EXPECT_EQ(s.span.end_col, 11);
  const ast::Expr& binop = *s.a;
  EXPECT_EQ(binop.b->span.col, 10);  // `y`
  EXPECT_EQ(dump_ast(*r.module, true),
            "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, "
            "end_lineno=1, end_col_offset=1)], value=BinOp(left=Constant(value='é', lineno=1, "
            "col_offset=4, end_lineno=1, end_col_offset=7), op=Add(), right=Name(id='y', "
            "ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), lineno=1, "
            "col_offset=4, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, "
            "end_lineno=1, end_col_offset=11)], type_ignores=[])");
}

TEST(Parser, CompoundStatementSpansCoverTheirBlocks) {
  ParseResult r = parse_module("if a:\n    x = 1\nelif b:\n    y = 2\nz = 3\n");
  ASSERT_TRUE(r.module);
  const ast::Stmt& s = *r.module->body[0];
  EXPECT_EQ(s.span.line, 1);
  EXPECT_EQ(s.span.end_line, 4);
  EXPECT_EQ(s.orelse[0]->span.line, 3);
  EXPECT_EQ(r.module->body[1]->span.line, 5);
}

// ---------------------------------------------------------------- constants

TEST(Parser, IntegerLiterals) {
  ParseResult r = parse_module(
      "9223372036854775807\n9223372036854775808\n0x_FFFF_FFFF_FFFF_FFFF_F\n0o777\n0b1_0\n00\n1j\n");
  ASSERT_TRUE(r.module);
  auto c = [&](int i) -> const ast::Constant& { return r.module->body[i]->a->constant; };
  EXPECT_EQ(c(0).kind, ast::ConstKind::Int);
  EXPECT_EQ(c(0).int_value, INT64_MAX);
  EXPECT_EQ(c(1).kind, ast::ConstKind::BigInt);
  EXPECT_EQ(c(1).text, "9223372036854775808");
  EXPECT_EQ(c(1).int_base, 10);
  EXPECT_EQ(c(2).kind, ast::ConstKind::BigInt);
  EXPECT_EQ(c(2).text, "FFFFFFFFFFFFFFFFF");
  EXPECT_EQ(c(2).int_base, 16);
  EXPECT_EQ(c(3).int_value, 0777);
  EXPECT_EQ(c(4).int_value, 2);
  EXPECT_EQ(c(5).int_value, 0);
  EXPECT_EQ(c(6).kind, ast::ConstKind::Imaginary);
  EXPECT_EQ(c(6).float_value, 1.0);
}

TEST(Parser, StringLiterals) {
  ParseResult r = parse_module("'\\N'\n'a\\\nb'\nb'\\xff\\777'\n'\\ud800'\n'''x\r\ny'''\n");
  ASSERT_TRUE(r.error) << "\\N without braces is rejected";
  r = parse_module("'a\\\nb'\nb'\\xff\\777'\n'\\ud800'\n'''x\r\ny'''\n");
  ASSERT_TRUE(r.module);
  EXPECT_EQ(r.module->body[0]->a->constant.text, "ab");
  EXPECT_EQ(r.module->body[1]->a->constant.kind, ast::ConstKind::Bytes);
  EXPECT_EQ(r.module->body[1]->a->constant.text, "\xff\xff");
  EXPECT_EQ(r.module->body[2]->a->constant.text, "\xed\xa0\x80");  // lone surrogate, WTF-8
  EXPECT_EQ(r.module->body[3]->a->constant.text, "x\ny");
}

TEST(Parser, NamedUnicodeEscapes) {
  // Plain literals decode \N{NAME} (lexer.cpp); f-strings still reject it.
  EXPECT_EQ(dump("'\\N{BULLET}'"),
            "Module(body=[Expr(value=Constant(value='\xE2\x80\xA2'))], type_ignores=[])");
  SyntaxErrorInfo e = error_of("x = f'\\N{BULLET} {x}'\n");
  EXPECT_EQ(e.message, "(unicode error) \\N escapes are not supported");
  // In bytes \N is not an escape at all.
  EXPECT_EQ(dump("b'\\N{x}'"),
            "Module(body=[Expr(value=Constant(value=b'\\\\N{x}'))], type_ignores=[])");
}

// ---------------------------------------------------------------- errors

TEST(Parser, CompilerOwnedChecksAreLeftToTheCompiler) {
  // CPython rejects these in its compiler/symtable, not its parser.
  for (const char* src : {"return 1", "break", "continue", "yield 1", "await x", "nonlocal x",
                          "def f(a, a): pass", "match x:\n  case a | b:\n    pass"}) {
    EXPECT_FALSE(parse_module(src).error) << src;
  }
}

TEST(Parser, AsyncIsParsedForTheCompilerToReject) {
  ParseResult r = parse_module("async def f():\n  async with a: await b\n");
  ASSERT_TRUE(r.module);
  EXPECT_TRUE(r.module->body[0]->is_async);
  EXPECT_TRUE(r.module->body[0]->body[0]->is_async);
  EXPECT_EQ(r.module->body[0]->body[0]->body[0]->a->kind, ast::ExprKind::Await);
}

TEST(Parser, TokenizerErrorsLaterInTheFileWin) {
  // Like CPython, a tokenizer error anywhere beats a parser error before it.
  SyntaxErrorInfo e = error_of("f(a=1, b)\nx = 'abc\n");
  EXPECT_EQ(e.message, "unterminated string literal (detected at line 2)");
  EXPECT_EQ(e.line, 2);
  // ...but an unclosed bracket only when the parser error came after it.
  e = error_of("x = $\ny = (\n");
  EXPECT_EQ(e.message, "invalid syntax");
}

TEST(Parser, StarredAssignmentChecks) {
  EXPECT_EQ(error_of("*a = 1").message, "starred assignment target must be in a list or tuple");
  EXPECT_EQ(error_of("x = *a").message, "can't use starred expression here");
  EXPECT_FALSE(parse_module("*a, = 1").error);
}

TEST(Parser, FormatSyntaxErrorLikeCPython) {
  auto fmt = [](std::string_view src) {
    ParseResult r = parse_module(src);
    EXPECT_TRUE(r.error);
    return r.error ? format_syntax_error(*r.error, "t.py") : std::string();
  };
  EXPECT_EQ(fmt("x = (1 2)\n"),
            "  File \"t.py\", line 1\n    x = (1 2)\n         ^^^\n"
            "SyntaxError: invalid syntax. Perhaps you forgot a comma?\n");
  EXPECT_EQ(fmt("if True:\n    y = f() = 1\n"),
            "  File \"t.py\", line 2\n    y = f() = 1\n        ^^^\n"
            "SyntaxError: cannot assign to function call\n");
  EXPECT_EQ(fmt("x = 1 +\n"),
            "  File \"t.py\", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax\n");
  EXPECT_EQ(fmt("if x:\npass\n"),
            "  File \"t.py\", line 2\n    pass\n    ^\n"
            "IndentationError: expected an indented block after 'if' statement on line 1\n");
  EXPECT_EQ(fmt("\tx = $\n"),
            "  File \"t.py\", line 1\n    x = $\nIndentationError: unexpected indent\n");
  EXPECT_EQ(fmt("x = \"abc\n"),
            "  File \"t.py\", line 1\n    x = \"abc\n        ^\n"
            "SyntaxError: unterminated string literal (detected at line 1)\n");
}

// ---------------------------------------------------------------- limits

std::string repeat(std::string_view s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Deep or long inputs must fail fast with a SyntaxError, never overflow the
// native stack, and never build an AST taller than kMaxAstDepth.
TEST(Parser, NestingLimits) {
  const int n = 100000;
  struct Case {
    std::string src;
    const char* message;
  };
  const char* complex = "Parser stack overflowed - Python source too complex to parse";
  const Case cases[] = {
      {repeat("(", n), "too many nested parentheses"},
      {repeat("[", n), "too many nested parentheses"},
      {repeat("{", n), "too many nested parentheses"},
      {repeat("-", n) + "1", complex},
      {repeat("not ", n) + "x", complex},
      {repeat("2**", n) + "2", complex},
      {repeat("lambda:", n) + "0", complex},
      {repeat("a if b else ", n) + "c", complex},
      {"x = 1" + repeat(" + 1", n), complex},
      {"x = a" + repeat(".b", n), complex},
      {"x = f" + repeat("()", n), complex},
      {"x = a" + repeat("[0]", n), complex},
      {repeat("(a if b else ", 150) + "c" + repeat(")", 150), complex},
      {"if a:\n  pass\n" + repeat("elif a:\n  pass\n", n), "too many statically nested blocks"},
  };
  for (const auto& c : cases) {
    auto t0 = std::chrono::steady_clock::now();
    ParseResult r = parse_module(c.src);
    auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    ASSERT_TRUE(r.error) << c.src.substr(0, 40);
    EXPECT_EQ(r.error->type, "SyntaxError");
    EXPECT_EQ(r.error->message, c.message) << c.src.substr(0, 40);
    (void)ms;  // measured in bench/, not asserted: tests are not timed
  }
}

TEST(Parser, NestingJustBelowTheLimitsIsFine) {
  EXPECT_FALSE(parse_module("x = " + repeat("(", 199) + "1" + repeat(")", 199)).error);
  EXPECT_FALSE(parse_module("x = " + repeat("[", 150) + repeat("]", 150)).error);
  EXPECT_FALSE(parse_module("x = 1" + repeat(" + 1", 500)).error);  // long polynomials exist
  EXPECT_FALSE(parse_module("x = " + repeat("-", 200) + "1").error);
  EXPECT_FALSE(parse_module("if a:\n  pass\n" + repeat("elif a:\n  pass\n", 200)).error);
  std::string deep;
  for (int i = 0; i < 98; ++i) deep += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
  deep += std::string(98, ' ') + "pass\n";
  EXPECT_FALSE(parse_module(deep).error);
}

TEST(Parser, TooManyIndentationLevels) {
  std::string deep;
  for (int i = 0; i < 120; ++i) deep += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
  deep += std::string(120, ' ') + "pass\n";
  SyntaxErrorInfo e = error_of(deep);
  EXPECT_EQ(e.type, "IndentationError");
  EXPECT_EQ(e.message, "too many levels of indentation");
}

TEST(Parser, TreesStayWithinMaxAstDepth) {
  ParseResult r = parse_module("x = 1" + repeat(" + 1", 900));
  ASSERT_TRUE(r.module);
  EXPECT_LE(r.module->body[0]->a->height, kMaxAstDepth);
  EXPECT_EQ(r.module->body[0]->a->height, 901);
  EXPECT_TRUE(parse_module("x = 1" + repeat(" + 1", kMaxAstDepth)).error);
}

TEST(Parser, LargeProgramsParseQuickly) {
  std::string src;
  for (int i = 0; i < 10000; ++i) {
    src += "def f" + std::to_string(i) + "(a, b=1, *c, **d):\n";
    src += "    x = [i * 2 for i in range(a) if i % 3] + {'k': b}.get('k', 0)\n";
    src += "    return f'{x!r:>10} {a + b}' if x else (a, b, c)\n";
  }
  auto t0 = std::chrono::steady_clock::now();
  ParseResult r = parse_module(src);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  ASSERT_TRUE(r.module);
  EXPECT_EQ(r.module->body.size(), 10000u);
  (void)ms;  // measured in bench/, not asserted: tests are not timed
}

TEST(Parser, LongLinesAreLinear) {
  // Columns are computed incrementally: a 1 MB line must not be quadratic.
  std::string src = "x = [" + repeat("1, ", 300000) + "]\n";
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(parse_module(src).error);
  auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();
  (void)ms;
}

}  // namespace
}  // namespace monty::syntax
