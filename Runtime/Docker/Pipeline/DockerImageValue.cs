using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Docker.Pipeline;

/// <summary><c>docker.image('x')</c> (Docker.Image): id, imageName(), inside, run, withRun, tag, push, pull.</summary>
internal sealed class DockerImageValue(string id) : IGroovyObject
{
    public string Id { get; } = id;

    public string GroovyClassName => "org.jenkinsci.plugins.docker.workflow.Docker$Image";

    public object? GetProperty(string name) => name switch
    {
        "id" => Id,
        "imageName" => DockerCommands.Qualified(Id),
        _ => Undefined.Value,
    };

    public bool SetProperty(string name, object? value) => false;

    public override string ToString() => Id;

    public async ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var values = arguments.Positional.Where(v => v is not CallableValue).ToList();
        string? Text(int index) => index < values.Count ? GroovyFormat.ToDisplayString(values[index]) : null;
        var image = DockerCommands.Qualified(Id);
        switch (name)
        {
            case "imageName":
                return image;
            case "inside":
                return await DockerCommands.InsideAsync(frame, span, image, Text(0), arguments.Body ?? throw ScriptErrors.IllegalArgument("inside needs a body { ... }"), logStep: true).ConfigureAwait(false);
            case "run":
                return await DockerCommands.RunAsync(frame, $"docker.image('{Id}').run", Id, Text(0), Text(1)).ConfigureAwait(false);
            case "withRun":
                var body = arguments.Body ?? throw ScriptErrors.IllegalArgument("withRun needs a body { c -> ... }");
                var container = await DockerCommands.RunAsync(frame, $"docker.image('{Id}').withRun", Id, Text(0), Text(1)).ConfigureAwait(false);
                try
                {
                    return await body.CallAsync(frame.Interpreter, body.ParameterCount == 0 ? [] : [container], frame, span).ConfigureAwait(false);
                }
                finally
                {
                    await container.StopAsync(frame).ConfigureAwait(false);
                }

            case "tag":
                return await TagAsync(frame, $"docker.image('{Id}').tag", Text(0)).ConfigureAwait(false);
            case "push":
                // As Docker.groovy: tag for the registry of the enclosing withRegistry (cheap when already tagged), then push that name.
                var target = await TagAsync(frame, $"docker.image('{Id}').push", Text(0)).ConfigureAwait(false);
                await DockerCommands.ShAsync(frame, $"docker.image('{Id}').push", $"docker push {target}").ConfigureAwait(false);
                return null;
            case "pull":
                await DockerCommands.ShAsync(frame, $"docker.image('{Id}').pull", $"docker pull {image}").ConfigureAwait(false);
                return null;
            default:
                return Undefined.Value;
        }
    }

    /// <summary><c>docker tag ID REGISTRY/NAME:TAG</c>, the tag defaulting to the id's own (latest when it has none).</summary>
    private async Task<string> TagAsync(Frame frame, string operation, string? tag)
    {
        var tagged = DockerCommands.Qualified(DockerCommands.WithTag(Id, tag ?? ImageResolver.SplitTag(Id).Tag));
        if (tagged != Id)
        {
            await DockerCommands.ShAsync(frame, operation, $"docker tag {Id} {tagged}").ConfigureAwait(false);
        }

        return tagged;
    }
}
