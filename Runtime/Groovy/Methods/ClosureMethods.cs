using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Methods;

/// <summary>groovy.lang.Closure: call, curry, delegate and resolve strategy, composition.</summary>
public static class ClosureMethods
{
    public static async ValueTask<object?> InvokeAsync(CallableValue callable, string name, MethodCall call)
    {
        var closure = callable as ClosureValue;
        switch (name)
        {
            case "call" or "doCall":
                return await callable.CallAsync(call.Interpreter, call.Args, call.Frame, call.Span).ConfigureAwait(false);
            case "curry":
                var bound = call.Args.ToList();
                return new BuiltinCallable("curried", Math.Max(0, callable.ParameterCount - bound.Count),
                    (interpreter, args, frame, span) => callable.CallAsync(interpreter, [.. bound, .. args], frame, span));
            case "rcurry":
                var right = call.Args.ToList();
                return new BuiltinCallable("curried", Math.Max(0, callable.ParameterCount - right.Count),
                    (interpreter, args, frame, span) => callable.CallAsync(interpreter, [.. args, .. right], frame, span));
            case "memoize" or "trampoline" or "dehydrate" or "asWritable":
                return callable;
            case "clone" when closure is not null:
                return closure.Clone();
            case "rehydrate" when closure is not null:
                var copy = closure.Clone();
                copy.Delegate = call[0];
                return copy;
            case "setDelegate" when closure is not null:
                closure.Delegate = call[0];
                return null;
            case "getDelegate" when closure is not null:
                return closure.Delegate;
            case "setResolveStrategy" when closure is not null:
                closure.ResolveStrategy = call.IntAt(0);
                return null;
            case "getResolveStrategy" when closure is not null:
                return closure.ResolveStrategy;
            case "getOwner" when closure is not null:
                return (object?)closure.Owner ?? closure.Script;
            case "getThisObject" when closure is not null:
                return closure.Script;
            case "getMaximumNumberOfParameters":
                return callable.ParameterCount;
            case "rightShift" when call[0] is CallableValue next:
                return new BuiltinCallable("composed", callable.ParameterCount, async (interpreter, args, frame, span) =>
                    await next.CallAsync(interpreter, [await callable.CallAsync(interpreter, args, frame, span).ConfigureAwait(false)], frame, span).ConfigureAwait(false));
            case "leftShift" when call[0] is CallableValue previous:
                return new BuiltinCallable("composed", previous.ParameterCount, async (interpreter, args, frame, span) =>
                    await callable.CallAsync(interpreter, [await previous.CallAsync(interpreter, args, frame, span).ConfigureAwait(false)], frame, span).ConfigureAwait(false));
            case "isCase":
                return GroovyTruth.IsTrue(await callable.CallAsync(call.Interpreter, [call[0]], call.Frame, call.Span).ConfigureAwait(false));
        }

        return Undefined.Value;
    }
}
