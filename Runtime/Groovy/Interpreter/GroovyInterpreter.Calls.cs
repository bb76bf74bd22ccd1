using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Methods;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Interpreter;

public sealed partial class GroovyInterpreter
{
    private async ValueTask<object?> EvaluateMethodCallAsync(MethodCallExpression call, Frame frame)
    {
        var name = call.DynamicName is null
            ? call.Name
            : GroovyFormat.ToDisplayString(await EvaluateAsync(call.DynamicName, frame).ConfigureAwait(false));

        if (call.Target is null)
        {
            var arguments = await EvaluateArgumentsAsync(call.Arguments, frame).ConfigureAwait(false);
            return await InvokeImplicitAsync(name, arguments, frame, call.Span).ConfigureAwait(false);
        }

        var receiver = await EvaluateAsync(call.Target, frame).ConfigureAwait(false);
        if (receiver is null && call.Access is MemberAccessKind.Safe or MemberAccessKind.Spread)
        {
            return null;
        }

        var args = await EvaluateArgumentsAsync(call.Arguments, frame).ConfigureAwait(false);
        if (call.Access == MemberAccessKind.Spread)
        {
            var results = new List<object?>();
            foreach (var item in Iterate(receiver))
            {
                results.Add(item is null ? null : await InvokeMethodAsync(item, name, args, frame, call.Span).ConfigureAwait(false));
            }

            return results;
        }

        return await InvokeMethodAsync(receiver, name, args, frame, call.Span).ConfigureAwait(false);
    }

    private async ValueTask<object?> EvaluateCallAsync(CallExpression call, Frame frame)
    {
        var callee = await EvaluateAsync(call.Callee, frame).ConfigureAwait(false);
        var arguments = await EvaluateArgumentsAsync(call.Arguments, frame).ConfigureAwait(false);
        if (callee is null)
        {
            throw ScriptErrors.NullMethod("call").At(frame.Source, call.Span);
        }

        return await CallValueAsync(callee, arguments.Flatten(), frame, call.Span).ConfigureAwait(false);
    }

    public async ValueTask<Arguments> EvaluateArgumentsAsync(ArgumentList list, Frame frame)
    {
        if (list.IsEmpty)
        {
            return Arguments.Empty;
        }

        GroovyMap? named = null;
        if (!list.Named.IsEmpty)
        {
            named = new GroovyMap();
            await AddEntriesAsync(named, list.Named, frame).ConfigureAwait(false);
        }

        var positional = new List<object?>(list.Positional.Length);
        foreach (var argument in list.Positional)
        {
            if (argument is SpreadExpression spread)
            {
                positional.AddRange(Iterate(await EvaluateAsync(spread.Operand, frame).ConfigureAwait(false)));
            }
            else
            {
                positional.Add(await EvaluateAsync(argument, frame).ConfigureAwait(false));
            }
        }

        return new Arguments(positional, named);
    }

    /// <summary>
    /// A call without a receiver, <c>name(args)</c>: a local closure variable, then the closure's
    /// owners and delegates, the script's methods, and the host's steps and globals.
    /// </summary>
    public async ValueTask<object?> InvokeImplicitAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        if (frame.Scope.TryGet(name, out var local) && local is not null)
        {
            return await CallValueAsync(local, arguments.Flatten(), frame, span).ConfigureAwait(false);
        }

        var result = await InvokeInClosureChainAsync(frame.Closure, name, arguments, frame, span).ConfigureAwait(false);
        if (result is not Undefined)
        {
            return result;
        }

        throw Host.MissingFunction(name, arguments, frame).At(frame.Source, span);
    }

    private async ValueTask<object?> InvokeInClosureChainAsync(ClosureValue? closure, string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        if (closure is null)
        {
            return await InvokeOnScriptAsync(frame.Script, name, arguments, frame, span).ConfigureAwait(false);
        }

        if (!closure.HasDelegate)
        {
            return await InvokeInClosureChainAsync(closure.Owner, name, arguments, frame, span).ConfigureAwait(false);
        }

        object? result;
        switch (closure.ResolveStrategy)
        {
            case ClosureValue.DelegateFirst:
                result = await TryInvokeOnDelegateAsync(closure.Delegate, name, arguments, frame, span).ConfigureAwait(false);
                return result is not Undefined
                    ? result
                    : await InvokeInClosureChainAsync(closure.Owner, name, arguments, frame, span).ConfigureAwait(false);
            case ClosureValue.DelegateOnly:
                return await TryInvokeOnDelegateAsync(closure.Delegate, name, arguments, frame, span).ConfigureAwait(false);
            case ClosureValue.OwnerOnly:
                return await InvokeInClosureChainAsync(closure.Owner, name, arguments, frame, span).ConfigureAwait(false);
            default:
                result = await InvokeInClosureChainAsync(closure.Owner, name, arguments, frame, span).ConfigureAwait(false);
                return result is not Undefined
                    ? result
                    : await TryInvokeOnDelegateAsync(closure.Delegate, name, arguments, frame, span).ConfigureAwait(false);
        }
    }

    private async ValueTask<object?> InvokeOnScriptAsync(ScriptObject script, string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        var result = await script.InvokeMethodAsync(name, arguments, frame, span).ConfigureAwait(false);
        if (result is not Undefined)
        {
            return result;
        }

        return await Host.InvokeFunctionAsync(name, arguments, frame, span).ConfigureAwait(false);
    }

    private async ValueTask<object?> TryInvokeOnDelegateAsync(object? target, string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        switch (target)
        {
            case null:
                return Undefined.Value;
            case GroovyMap map:
                return map[name] is CallableValue callable
                    ? await callable.CallAsync(this, arguments.Flatten(), frame, span).ConfigureAwait(false)
                    : Undefined.Value;
            case IGroovyObject groovyObject:
                return await groovyObject.InvokeMethodAsync(name, arguments, frame, span).ConfigureAwait(false);
            default:
                return await BuiltinMethods.InvokeAsync(this, target, name, arguments, frame, span).ConfigureAwait(false);
        }
    }

    /// <summary>Calls <c>receiver.name(arguments)</c> with Groovy's dispatch; a missing method raises MissingMethodException.</summary>
    public async ValueTask<object?> InvokeMethodAsync(object? receiver, string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        Tick(frame, span);
        try
        {
            var result = await TryInvokeMethodAsync(receiver, name, arguments, frame, span).ConfigureAwait(false);
            if (result is not Undefined)
            {
                return result;
            }
        }
        catch (Exception e) when (e is not GroovyException && ScriptErrors.Translate(e) is { } translated)
        {
            throw translated.At(frame.Source, span);
        }

        if (receiver is null)
        {
            throw ScriptErrors.NullMethod(name).At(frame.Source, span);
        }

        throw ScriptErrors.MissingMethod(receiver, name, arguments.Flatten()).At(frame.Source, span);
    }

    private async ValueTask<object?> TryInvokeMethodAsync(object? receiver, string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        switch (receiver)
        {
            case null:
                return name switch
                {
                    "toString" => "null",
                    "equals" => arguments.Flatten() is [null],
                    "is" => arguments.Flatten() is [null],
                    "asBoolean" => false,
                    "inspect" => "null",
                    _ => Undefined.Value,
                };
            case ScriptObject { IsInstance: false } script:
                // A script passed around (new Utils(this)) runs its methods, then the pipeline's steps: script.echo 'x'.
                return await InvokeOnScriptAsync(script, name, arguments, frame, span).ConfigureAwait(false);
            case IGroovyObject groovyObject:
                var result = await groovyObject.InvokeMethodAsync(name, arguments, frame, span).ConfigureAwait(false);
                if (result is not Undefined)
                {
                    return result;
                }

                if (groovyObject.GetProperty(name) is CallableValue property)
                {
                    return await property.CallAsync(this, arguments.Flatten(), frame, span).ConfigureAwait(false);
                }

                break;
            case ClassValue type:
                var scriptStatic = await InvokeStaticAsync(type, name, arguments.Flatten(), frame, span).ConfigureAwait(false);
                return scriptStatic is not Undefined
                    ? scriptStatic
                    : await StaticMethods.InvokeAsync(this, type, name, arguments, frame, span).ConfigureAwait(false);
        }

        var builtin = await BuiltinMethods.InvokeAsync(this, receiver, name, arguments, frame, span).ConfigureAwait(false);
        if (builtin is not Undefined)
        {
            return builtin;
        }

        if (receiver is GroovyMap map && map[name] is CallableValue entry)
        {
            return await entry.CallAsync(this, arguments.Flatten(), frame, span).ConfigureAwait(false);
        }

        return Undefined.Value;
    }
}
