using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// A Java exception as scripts see it (<c>catch (Exception e) { echo e.message }</c>): its class,
/// message and cause. A FlowInterruptedException also carries the result it gives the build
/// (ABORTED for an abort or a timeout) and why it happened.
/// </summary>
public sealed class ThrowableValue : IGroovyObject
{
    public ThrowableValue(string className, string? message, ThrowableValue? cause = null)
    {
        ClassName = className;
        Message = message;
        Cause = cause;
    }

    public string ClassName { get; }

    public string? Message { get; }

    public ThrowableValue? Cause { get; }

    /// <summary>For FlowInterruptedException: the result it stands for (ABORTED, or what catchError/failFast chose).</summary>
    public BuildResult? InterruptResult { get; init; }

    /// <summary>For FlowInterruptedException: a line explaining it ("Timeout has been exceeded"), printed once.</summary>
    public string? InterruptReason { get; init; }

    /// <summary>
    /// For an exception ContainerCd did not expect (an I/O error a step met, a fault of ContainerCd): the .NET
    /// exception with its stack trace, printed under the Java one as its cause.
    /// </summary>
    public string? HostTrace { get; init; }

    /// <summary>Where the exception was raised, for the positioned report.</summary>
    public SourceText? Source { get; set; }

    public SourceSpan? Span { get; set; }

    public string GroovyClassName => ClassName;

    public bool IsAbort => ClassName == JavaClasses.AbortException;

    public bool IsInterruption => ClassName == JavaClasses.FlowInterruptedException;

    public bool IsInstanceOf(string typeName) => JavaClasses.IsAssignableTo(ClassName, typeName);

    public object? GetProperty(string name) => name switch
    {
        "message" or "localizedMessage" => Message,
        "cause" => Cause,
        "class" => new ClassValue(ClassName),
        "stackTrace" => new List<object?>(),
        "result" when IsInterruption => InterruptResult?.ToJenkinsName(),
        _ => Undefined.Value,
    };

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span) =>
        ValueTask.FromResult<object?>(name switch
        {
            "getMessage" or "getLocalizedMessage" => Message,
            "getCause" => Cause,
            "toString" => ToString(),
            "printStackTrace" => null,
            "getStackTrace" => new List<object?>(),
            "getResult" when IsInterruption => InterruptResult?.ToJenkinsName(),
            _ => Undefined.Value,
        });

    public override string ToString() => Message is null ? ClassName : ClassName + ": " + Message;
}
