using ContainerCd.Parser;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline;

namespace ContainerCd.Runtime.Tests.Groovy;

/// <summary>Runs a Groovy snippet with a minimal host whose only functions are echo and println, collecting what they print.</summary>
internal sealed class ScriptRunner : IScriptHost
{
    private readonly List<string> _output = [];

    public IReadOnlyList<string> Output => _output;

    public static async Task<ScriptResult> RunAsync(string code, ScriptLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var runner = new ScriptRunner();
        var source = new SourceText("Jenkinsfile", code);
        var parsed = Jenkinsfile.ParseScript(source);
        Assert.True(parsed.Diagnostics.IsEmpty, string.Join("\n", parsed.Diagnostics.Select(d => d.Message)));
        var interpreter = new GroovyInterpreter(runner, limits);
        var script = new ScriptObject("WorkflowScript", parsed.Script!, source);
        using var cancellation = CancellationScope.CreateRoot(cancellationToken);
        try
        {
            var value = await interpreter.RunScriptAsync(script, FlowContext.Create(cancellation));
            return new ScriptResult(runner._output, value, null, source);
        }
        catch (GroovyException e)
        {
            return new ScriptResult(runner._output, null, e.Value, source);
        }
    }

    /// <summary>Runs a snippet that must not fail and returns what it printed.</summary>
    public static async Task<IReadOnlyList<string>> OutputOfAsync(string code)
    {
        var result = await RunAsync(code, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Error is null, result.Error?.ToString());
        return result.Output;
    }

    /// <summary>Evaluates one expression and returns its Groovy text (toString).</summary>
    public static async Task<string> EvalAsync(string expression)
    {
        var result = await RunAsync("echo((" + expression + ").toString())");
        Assert.Null(result.Error?.ToString());
        return Assert.Single(result.Output);
    }

    public object? GetGlobal(string name, Frame frame) => Undefined.Value;

    public ValueTask<object?> InvokeFunctionAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        if (name is "echo" or "println")
        {
            _output.Add(GroovyFormat.ToDisplayString(arguments.Positional.Count > 0 ? arguments.Positional[0] : null));
            return ValueTask.FromResult<object?>(null);
        }

        return ValueTask.FromResult<object?>(Undefined.Value);
    }

    public GroovyException MissingFunction(string name, Arguments arguments, Frame frame) =>
        GroovyException.Create(JavaClasses.NoSuchMethodError, $"No such DSL method '{name}' found among steps [echo, println]");
}

internal sealed record ScriptResult(IReadOnlyList<string> Output, object? Value, ThrowableValue? Error, SourceText Source)
{
    public string ErrorLine => Error?.Span is { } span ? (Source.GetPosition(span.Start).Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
}
