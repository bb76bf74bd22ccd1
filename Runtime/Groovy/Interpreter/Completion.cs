namespace ContainerCd.Runtime.Groovy.Interpreter;

public enum CompletionKind
{
    Normal,
    Break,
    Continue,
    Return,
}

/// <summary>
/// How a statement ended: normally (with the value of its last expression, Groovy's implicit
/// return), or by break, continue or return. Control flow is a value, never an exception.
/// </summary>
public readonly record struct Completion(CompletionKind Kind, object? Value, string? Label = null)
{
    public static readonly Completion Empty = new(CompletionKind.Normal, null);

    public bool IsAbrupt => Kind != CompletionKind.Normal;

    public static Completion Normal(object? value) => new(CompletionKind.Normal, value);
}
