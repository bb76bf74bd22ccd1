using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Docker.Pipeline;

/// <summary>The <c>docker</c> global (org.jenkinsci.plugins.docker.workflow.Docker).</summary>
internal sealed class DockerGlobal : IGroovyObject
{
    public string GroovyClassName => "org.jenkinsci.plugins.docker.workflow.Docker";

    public object? GetProperty(string name) => Undefined.Value;

    public bool SetProperty(string name, object? value) => false;

    public async ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var values = arguments.Positional;
        string Text(int index) => index < values.Count && values[index] is not CallableValue ? GroovyFormat.ToDisplayString(values[index]) : "";
        switch (name)
        {
            case "image":
                return new DockerImageValue(Text(0));
            case "build":
                var tag = Text(0);
                var buildArgs = values.Count > 1 ? Text(1) : ".";
                await DockerCommands.ShAsync(frame, "docker.build", $"docker build -t {tag} {buildArgs}").ConfigureAwait(false);
                return new DockerImageValue(tag);
            case "withRegistry":
                var body = arguments.Body ?? throw ScriptErrors.IllegalArgument("docker.withRegistry needs a body { ... }");
                return await DockerCommands.WithRegistryAsync(frame, span, Text(0), values.Count > 2 ? Text(1) : null, body).ConfigureAwait(false);
            case "withServer":
                var serverBody = arguments.Body ?? throw ScriptErrors.IllegalArgument("docker.withServer needs a body { ... }");
                return await DockerServer.WithServerAsync(frame, span, Text(0), values.Count > 2 ? Text(1) : null, serverBody).ConfigureAwait(false);
            case "withTool":
                // The docker CLI is there already (on the host, or passed through): the tool changes nothing.
                return arguments.Body is { } inner ? await inner.CallAsync(frame.Interpreter, [], frame, span).ConfigureAwait(false) : null;
            case "script":
                return this;
            default:
                return Undefined.Value;
        }
    }
}
