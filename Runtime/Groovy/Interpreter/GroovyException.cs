using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Interpreter;

/// <summary>
/// A Java exception travelling through the interpreter: thrown by <c>throw</c>, by a failing step
/// (<c>error</c>, <c>sh</c>), by a Groovy error (missing property, null dereference) or by an
/// interruption. Scripts catch it by its <see cref="Value"/>'s class.
/// </summary>
public sealed class GroovyException : Exception
{
    public GroovyException(ThrowableValue value)
        : base(value.ToString())
    {
        Value = value;
    }

    public GroovyException(ThrowableValue value, Exception innerException)
        : base(value.ToString(), innerException)
    {
        Value = value;
    }

    public GroovyException()
        : this(new ThrowableValue(JavaClasses.Exception, null))
    {
    }

    public GroovyException(string message)
        : this(new ThrowableValue(JavaClasses.Exception, message))
    {
    }

    public GroovyException(string message, Exception innerException)
        : this(new ThrowableValue(JavaClasses.Exception, message), innerException)
    {
    }

    public ThrowableValue Value { get; }

    /// <summary>Records where the exception was raised (the first position wins).</summary>
    public GroovyException At(SourceText source, SourceSpan span)
    {
        if (Value.Span is null)
        {
            Value.Source = source;
            Value.Span = span;
        }

        return this;
    }

    public static GroovyException Create(string className, string? message, SourceText? source = null, SourceSpan? span = null)
    {
        var value = new ThrowableValue(className, message) { Source = source, Span = span };
        return new GroovyException(value);
    }
}
