// A faster JS invoker for embind's free functions (linked with --js-library,
// so it replaces embind's $craftInvokerFunction).
//
// Why: with DYNAMIC_EXECUTION=0 (no eval/new Function, for pages with a
// strict Content Security Policy) embind builds every invoker from one
// generic closure that copies `arguments` into arrays whose length it resets
// on each call and then uses Function.prototype.apply. That cost ~1 us per
// call, a tenth of `new Monty('x + 1').run()` (bench/README.md, "Peers").
// The bindings (bindings.cpp) are free functions taking and returning
// integers, so a closure per arity does the same work without the arrays.
//
// Scope: free functions whose parameters need no destructors (integers,
// floats, bools). Anything else fails at registration with an error naming
// the function, so a binding that needs more cannot be added by accident.
mergeInto(LibraryManager.library, {
  $craftInvokerFunction__deps: ['$throwBindingError'],
  $craftInvokerFunction: function (humanName, argTypes, classType, cppInvokerFunc, cppTargetFunc) {
    var expected = argTypes.length - 2;
    if (expected < 0 || classType !== null || argTypes[1] !== null) {
      throwBindingError('monty embind invoker: ' + humanName + ' is not a free function');
    }
    for (var i = 2; i < argTypes.length; ++i) {
      if (argTypes[i].destructorFunction !== null) {
        throwBindingError('monty embind invoker: an argument of ' + humanName + ' needs a destructor');
      }
    }
    var returnType = argTypes[0];
    var returns = returnType.name !== 'void';
    var result = function (rv) {
      return returns ? returnType.fromWireType(rv) : undefined;
    };
    var checkCount = function (got) {
      if (got !== expected) {
        throwBindingError('function ' + humanName + ' called with ' + got + ' arguments, expected ' + expected + ' args!');
      }
    };
    if (expected === 0) {
      return function () {
        checkCount(arguments.length);
        return result(cppInvokerFunc(cppTargetFunc));
      };
    }
    if (expected === 1) {
      var type0 = argTypes[2];
      return function (a0) {
        checkCount(arguments.length);
        return result(cppInvokerFunc(cppTargetFunc, type0.toWireType(null, a0)));
      };
    }
    return function () {
      checkCount(arguments.length);
      var wired = [cppTargetFunc];
      for (var i = 0; i < expected; ++i) wired.push(argTypes[i + 2].toWireType(null, arguments[i]));
      return result(cppInvokerFunc.apply(null, wired));
    };
  },
});
