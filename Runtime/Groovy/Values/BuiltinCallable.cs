using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>A callable implemented in C#: method pointers, curried closures and the like.</summary>
public sealed class BuiltinCallable : CallableValue
{
    private readonly Func<GroovyInterpreter, IReadOnlyList<object?>, Frame, SourceSpan, ValueTask<object?>> _call;

    public BuiltinCallable(string name, int parameterCount, Func<GroovyInterpreter, IReadOnlyList<object?>, Frame, SourceSpan, ValueTask<object?>> call)
    {
        Name = name;
        ParameterCount = parameterCount;
        _call = call;
    }

    public string Name { get; }

    public override int ParameterCount { get; }

    public override ValueTask<object?> CallAsync(GroovyInterpreter interpreter, IReadOnlyList<object?> arguments, Frame caller, SourceSpan span) =>
        _call(interpreter, arguments, caller, span);

    public override string ToString() => "MethodClosure " + Name;
}
