using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Pipeline.Globals;

/// <summary>
/// <c>steps</c>: the script's step dispatcher (Jenkins' DSL object), which Jenkinsfiles pass to library code so it
/// can call steps: <c>steps.echo 'x'</c>, <c>steps.sh(script: 'make', returnStatus: true)</c>.
/// </summary>
internal sealed class StepsGlobal(IScriptHost host) : IGroovyObject
{
    public string GroovyClassName => "org.jenkinsci.plugins.workflow.cps.DSL";

    public object? GetProperty(string name) => Undefined.Value;

    public bool SetProperty(string name, object? value) => false;

    public async ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        if (name == "pipeline")
        {
            return Undefined.Value;
        }

        var result = await host.InvokeFunctionAsync(name, arguments, frame, span).ConfigureAwait(false);
        return result is Undefined ? throw host.MissingFunction(name, arguments, frame).At(frame.Source, span) : result;
    }

    public override string ToString() => "org.jenkinsci.plugins.workflow.cps.DSL@steps";
}
