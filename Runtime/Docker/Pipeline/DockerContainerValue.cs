using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Docker.Pipeline;

/// <summary>What <c>image.run()</c> returns and <c>withRun</c> passes (Docker.Container): id, port(n), stop().</summary>
internal sealed class DockerContainerValue(string id) : IGroovyObject
{
    public string Id { get; } = id;

    public string GroovyClassName => "org.jenkinsci.plugins.docker.workflow.Docker$Container";

    public object? GetProperty(string name) => name == "id" ? Id : Undefined.Value;

    public bool SetProperty(string name, object? value) => false;

    public override string ToString() => Id;

    public Task StopAsync(Frame frame) => DockerCommands.ShAsync(frame, "container.stop()", $"docker stop {Id} >/dev/null && docker rm -f {Id} >/dev/null");

    public async ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        switch (name)
        {
            case "stop":
                await StopAsync(frame).ConfigureAwait(false);
                return null;
            case "port":
                var port = arguments.Positional.Count > 0 ? arguments.Positional[0] : null;
                return (await DockerCommands.ShAsync(frame, "container.port()", $"docker port {Id} {port}", returnStdout: true).ConfigureAwait(false)).Trim();
            default:
                return Undefined.Value;
        }
    }
}
