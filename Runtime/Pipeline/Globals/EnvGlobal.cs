using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Pipeline.Globals;

/// <summary>
/// <c>env</c>: reads see the effective environment of the calling code (withEnv included, as Jenkins'
/// EnvActionImpl does); <c>env.X = value</c> sets a build-wide variable (a string).
/// </summary>
public sealed class EnvGlobal(BuildContext build, FlowContext flow) : IGroovyObject
{
    public string GroovyClassName => "org.jenkinsci.plugins.workflow.cps.EnvActionImpl";

    public object? GetProperty(string name) =>
        build.EffectiveEnvironment(flow).TryGetValue(name, out var value) ? value : null;

    public bool SetProperty(string name, object? value)
    {
        build.SetScriptEnvironment(name, value is null ? null : GroovyFormat.ToDisplayString(value));
        return true;
    }

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        var args = arguments.Flatten();
        return ValueTask.FromResult<object?>(name switch
        {
            "getEnvironment" or "getOverriddenEnvironment" => new GroovyMap(build.EffectiveEnvironment(flow).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new KeyValuePair<object?, object?>(e.Key, e.Value))),
            "getProperty" when args.Count == 1 => GetProperty(GroovyFormat.ToDisplayString(args[0])),
            "setProperty" when args.Count == 2 => SetProperty(GroovyFormat.ToDisplayString(args[0]), args[1]) ? null : null,
            "toString" => GroovyClassName + "@env",
            _ => Undefined.Value,
        });
    }
}
