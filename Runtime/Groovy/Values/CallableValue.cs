using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>Something scripts can call: a closure, a method pointer (<c>this.&amp;name</c>) or a built-in function.</summary>
public abstract class CallableValue
{
    /// <summary>Groovy's maximumNumberOfParameters: how many arguments the callable takes.</summary>
    public abstract int ParameterCount { get; }

    public abstract ValueTask<object?> CallAsync(GroovyInterpreter interpreter, IReadOnlyList<object?> arguments, Frame caller, SourceSpan span);
}
