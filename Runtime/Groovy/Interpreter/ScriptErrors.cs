using System.Text.RegularExpressions;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Interpreter;

/// <summary>The Groovy and Java exceptions the interpreter raises, worded as Groovy and Jenkins word them.</summary>
public static class ScriptErrors
{
    public static GroovyException MissingProperty(string name, string className) =>
        GroovyException.Create(JavaClasses.MissingPropertyException, $"No such property: {name} for class: {className}");

    public static GroovyException MissingMethod(object? receiver, string name, IReadOnlyList<object?> arguments)
    {
        var className = receiver is ClassValue c ? c.Name : GroovyTypes.ClassName(receiver);
        var types = string.Join(", ", arguments.Select(GroovyTypes.ClassName));
        var values = string.Join(", ", arguments.Select(a => Shorten(GroovyFormat.ToDisplayString(a))));
        var prefix = receiver is ClassValue ? "static " : string.Empty;
        return GroovyException.Create(JavaClasses.MissingMethodException,
            $"No signature of method: {prefix}{className}.{name}() is applicable for argument types: ({types}) values: [{values}]");
    }

    public static GroovyException NullProperty(string name) =>
        GroovyException.Create(JavaClasses.NullPointerException, $"Cannot get property '{name}' on null object");

    public static GroovyException NullSetProperty(string name) =>
        GroovyException.Create(JavaClasses.NullPointerException, $"Cannot set property '{name}' on null object");

    public static GroovyException NullMethod(string name) =>
        GroovyException.Create(JavaClasses.NullPointerException, $"Cannot invoke method {name}() on null object");

    public static GroovyException NullIndex() =>
        GroovyException.Create(JavaClasses.NullPointerException, "Cannot invoke method getAt() on null object");

    public static GroovyException Unsupported(string what) =>
        GroovyException.Create(JavaClasses.Unsupported, $"{what} is not supported by ContainerCd");

    public static GroovyException LimitExceeded(string message) =>
        GroovyException.Create(JavaClasses.LimitExceeded, message);

    public static GroovyException IllegalArgument(string message) =>
        GroovyException.Create(JavaClasses.IllegalArgumentException, message);

    public static GroovyException IndexOutOfBounds(string message) =>
        GroovyException.Create(JavaClasses.IndexOutOfBoundsException, message);

    /// <summary>Turns an exception thrown by a built-in operation into the Java exception Groovy would raise; null for anything else (a bug).</summary>
    public static GroovyException? Translate(Exception exception) => exception switch
    {
        GroovyException g => g,
        InvalidCastException e => GroovyException.Create(JavaClasses.GroovyCastException, e.Message),
        FormatException e => GroovyException.Create(JavaClasses.NumberFormatException, e.Message),
        DivideByZeroException e => GroovyException.Create(JavaClasses.ArithmeticException, e.Message),
        OverflowException e => GroovyException.Create(JavaClasses.ArithmeticException, e.Message),
        RegexParseException e => GroovyException.Create("java.util.regex.PatternSyntaxException", e.Message),
        JavaPatternSyntaxException e => GroovyException.Create("java.util.regex.PatternSyntaxException", e.Message),
        ArgumentOutOfRangeException e => GroovyException.Create(JavaClasses.IndexOutOfBoundsException, FirstLine(e.Message)),
        ArgumentException e => GroovyException.Create(JavaClasses.IllegalArgumentException, FirstLine(e.Message)),
        KeyNotFoundException e => GroovyException.Create("java.util.NoSuchElementException", e.Message),
        InvalidOperationException e => GroovyException.Create(JavaClasses.IllegalStateException, e.Message),
        NotSupportedException e => GroovyException.Create(JavaClasses.UnsupportedOperationException, e.Message),
        RegexMatchTimeoutException e => GroovyException.Create(JavaClasses.IllegalStateException, "Regular expression took too long: " + e.Pattern),
        InsufficientExecutionStackException => GroovyException.Create(JavaClasses.StackOverflowError, null),
        _ => null,
    };

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return newline > 0 ? message[..newline] : message;
    }

    private static string Shorten(string text) => text.Length > 100 ? text[..97] + "..." : text;
}
