namespace ContainerCd.Parser.Text;

/// <summary>A pattern Java's <c>Pattern.compile</c> refuses though .NET would take it: Groovy raises <c>java.util.regex.PatternSyntaxException</c>.</summary>
public sealed class JavaPatternSyntaxException : ArgumentException
{
    public JavaPatternSyntaxException()
    {
    }

    public JavaPatternSyntaxException(string message)
        : base(message)
    {
    }

    public JavaPatternSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JavaPatternSyntaxException(string description, string pattern)
        : base($"{description}\n{pattern}")
    {
    }
}
