using System.Runtime.CompilerServices;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline;

namespace ContainerCd.Runtime.Groovy.Interpreter;

/// <summary>
/// Walks the Groovy AST of a Jenkinsfile, one interpreter per build. Async all the way (steps are
/// awaited), control flow as <see cref="Completion"/> values, Java exceptions as
/// <see cref="GroovyException"/>. Every statement and loop iteration passes through
/// <see cref="Tick"/>, the one budget hook (cancellation and <see cref="ScriptLimits"/>).
/// </summary>
public sealed partial class GroovyInterpreter
{
    private long _steps;

    public GroovyInterpreter(IScriptHost host, ScriptLimits? limits = null, TimeProvider? time = null)
    {
        Host = host;
        Limits = limits ?? ScriptLimits.Default;
        Time = time ?? TimeProvider.System;
    }

    /// <summary>The clock scripts read (<c>new Date()</c>, <c>System.currentTimeMillis()</c>): the build's.</summary>
    public TimeProvider Time { get; }

    public IScriptHost Host { get; }

    public ScriptLimits Limits { get; }

    /// <summary>Statements and expressions evaluated so far in this build.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>A frame for the top level of <paramref name="script"/>.</summary>
    public Frame CreateFrame(ScriptObject script, FlowContext flow) =>
        new(this, script, script.RunScope, null, flow, script.Source, 0);

    /// <summary>Runs a script's top-level statements, @Field initializers included, and returns its last value.</summary>
    public async ValueTask<object?> RunScriptAsync(ScriptObject script, FlowContext flow)
    {
        var frame = CreateFrame(script, flow);
        object? last = null;
        foreach (var statement in script.Node.Statements)
        {
            var completion = await ExecuteAsync(statement, frame).ConfigureAwait(false);
            if (completion.Kind == CompletionKind.Return)
            {
                return completion.Value;
            }

            last = completion.Value;
        }

        return last;
    }

    /// <summary>
    /// The budget hook: counts one unit of work, observes cancellation (raising the interruption the
    /// flow's cancellation scope records) and the step limit, with the position of the code.
    /// </summary>
    public void Tick(Frame frame, SourceSpan span)
    {
        if (frame.CancellationToken.IsCancellationRequested)
        {
            throw frame.Flow.Cancellation.CreateInterruptedException().At(frame.Source, span);
        }

        if (Interlocked.Increment(ref _steps) > Limits.MaxSteps)
        {
            throw ScriptErrors.LimitExceeded($"Script exceeded the limit of {Limits.MaxSteps} evaluation steps").At(frame.Source, span);
        }
    }

    public async ValueTask<object?> CallClosureAsync(ClosureValue closure, IReadOnlyList<object?> arguments, Frame caller, SourceSpan span)
    {
        var depth = EnterCall(caller, span);
        var scope = new Scope(closure.Captured);
        var frame = new Frame(this, closure.Script, scope, closure, caller.Flow, closure.Source, depth);
        var expression = closure.Expression;
        if (!expression.HasExplicitParameters)
        {
            scope.Declare("it", arguments.Count > 0 ? arguments[0] : null);
        }
        else
        {
            await BindParametersAsync(expression.Parameters, arguments, frame, span, isClosure: true).ConfigureAwait(false);
        }

        var completion = await ExecuteBlockStatementsAsync(expression.Body.Statements, frame).ConfigureAwait(false);
        return completion.Value;
    }

    public async ValueTask<object?> CallScriptMethodAsync(ScriptObject script, MethodDeclaration method, IReadOnlyList<object?> arguments, Frame caller, SourceSpan span)
    {
        var depth = EnterCall(caller, span);
        var frame = new Frame(this, script, new Scope(null), null, caller.Flow, script.Source, depth);
        await BindParametersAsync(method.Parameters, arguments, frame, span, isClosure: false).ConfigureAwait(false);
        var completion = await ExecuteBlockStatementsAsync(method.Body.Statements, frame).ConfigureAwait(false);
        var result = completion.Value;
        if (method.ReturnType is { } returnType && returnType.Name != "void")
        {
            result = Coerce(result, returnType, frame, method.Span);
        }

        return method.ReturnType?.Name == "void" ? null : result;
    }

    /// <summary>Calls a value: a closure, a method pointer, or anything with a <c>call</c> method (a library var).</summary>
    public ValueTask<object?> CallValueAsync(object? callee, IReadOnlyList<object?> arguments, Frame frame, SourceSpan span)
    {
        if (callee is CallableValue callable)
        {
            return callable.CallAsync(this, arguments, frame, span);
        }

        return InvokeMethodAsync(callee, "call", new Arguments(arguments, null), frame, span);
    }

    private int EnterCall(Frame caller, SourceSpan span)
    {
        var depth = caller.Depth + 1;
        if (depth > Limits.MaxDepth)
        {
            throw ScriptErrors.LimitExceeded($"Script exceeded the limit of {Limits.MaxDepth} nested calls (java.lang.StackOverflowError)")
                .At(caller.Source, span);
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw GroovyException.Create(JavaClasses.StackOverflowError, null).At(caller.Source, span);
        }

        return depth;
    }

    private async ValueTask BindParametersAsync(
        System.Collections.Immutable.ImmutableArray<Parameter> parameters,
        IReadOnlyList<object?> arguments,
        Frame frame,
        SourceSpan span,
        bool isClosure)
    {
        var count = parameters.Length;
        var args = arguments;

        // A closure of several parameters called with one list spreads it: { a, b -> } called with [1, 2].
        if (isClosure && count > 1 && args.Count == 1 && args[0] is System.Collections.IList list && !parameters[^1].IsVarArgs)
        {
            args = list.Cast<object?>().ToList();
        }

        var required = parameters.Count(p => p.DefaultValue is null && !p.IsVarArgs);
        var hasVarArgs = count > 0 && parameters[^1].IsVarArgs;
        if (!isClosure && (args.Count < required || (!hasVarArgs && args.Count > count)))
        {
            throw ScriptErrors.MissingMethod(frame.Script, "call", args).At(frame.Source, span);
        }

        if (isClosure && args.Count > count && !hasVarArgs && !(count == 0 && args.Count == 0))
        {
            throw GroovyException.Create(JavaClasses.MissingMethodException,
                $"No signature of method: closure.call() is applicable for argument types: ({string.Join(", ", args.Select(GroovyTypes.ClassName))})").At(frame.Source, span);
        }

        // Optional parameters take arguments from the left once the required ones are served.
        var optionalAvailable = Math.Max(0, Math.Min(args.Count, hasVarArgs ? count - 1 : count) - required);
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            var parameter = parameters[i];
            object? value;
            if (parameter.IsVarArgs)
            {
                value = next < args.Count ? args.Skip(next).ToList() : new List<object?>();
                next = args.Count;
            }
            else if (parameter.DefaultValue is not null && optionalAvailable == 0)
            {
                value = await EvaluateAsync(parameter.DefaultValue, frame).ConfigureAwait(false);
            }
            else
            {
                if (parameter.DefaultValue is not null)
                {
                    optionalAvailable--;
                }

                value = next < args.Count ? args[next] : null;
                next++;
            }

            if (parameter.Type is { } type)
            {
                value = Coerce(value, type, frame, parameter.Span);
            }

            frame.Scope.Declare(parameter.Name, value);
        }
    }

    private static object? Coerce(object? value, TypeReference type, Frame frame, SourceSpan span)
    {
        try
        {
            return TypeCoercion.Coerce(value, type.Name, type.ArrayRank, explicitAs: false);
        }
        catch (Exception e) when (ScriptErrors.Translate(e) is { } translated)
        {
            throw translated.At(frame.Source, span);
        }
    }
}
