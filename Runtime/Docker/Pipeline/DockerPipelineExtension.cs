using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Docker.Pipeline;

/// <summary>
/// The Docker Pipeline plugin's globals: <c>docker.image('x').inside(args) { }</c>, <c>docker.build(tag, args)</c>,
/// <c>image.push/pull/tag/run/withRun/id/imageName()</c>, <c>docker.withRegistry(url, credentialsId) { }</c>,
/// and the steps <c>withDockerRegistry([url:, credentialsId:]) { }</c> and <c>withDockerContainer(image:, args:) { }</c>.
/// As in Jenkins, the image commands run the docker CLI on the current node (through the pass-through
/// inside a Docker agent), and <c>inside</c> starts an agent container sharing the node's workspace.
/// </summary>
public sealed class DockerPipelineExtension : IPipelineExtension
{
    public static readonly DockerPipelineExtension Instance = new();

    public string Name => "docker";

    public void Register(PipelineRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddGlobal("docker", frame => new DockerGlobal());
        registry.AddStep(new DelegateStep("withDockerRegistry", WithDockerRegistryAsync));
        registry.AddStep(new DelegateStep("withDockerContainer", WithDockerContainerAsync));
        registry.AddStep(new DelegateStep("withDockerServer", WithDockerServerAsync));
    }

    private static async ValueTask<object?> WithDockerRegistryAsync(StepContext context)
    {
        var url = context.Text("url") ?? "";
        var credentials = context.Text("credentialsId");
        var body = context.Body ?? throw context.Abort("withDockerRegistry needs a body { ... }");
        return await DockerCommands.WithRegistryAsync(context.Frame, context.Span, url, credentials, body).ConfigureAwait(false);
    }

    /// <summary><c>withDockerServer([uri:, credentialsId:]) { }</c> or <c>withDockerServer(server: [uri:, credentialsId:]) { }</c>.</summary>
    private static async ValueTask<object?> WithDockerServerAsync(StepContext context)
    {
        var server = context.Argument("server") as GroovyMap;
        string? Field(string name) => server is null ? context.Text(name)
            : server.TryGetValue(name, out var value) && value is not null ? GroovyFormat.ToDisplayString(value) : null;
        var body = context.Body ?? throw context.Abort("withDockerServer needs a body { ... }");
        return await DockerServer.WithServerAsync(context.Frame, context.Span, Field("uri"), Field("credentialsId"), body).ConfigureAwait(false);
    }

    private static async ValueTask<object?> WithDockerContainerAsync(StepContext context)
    {
        var image = context.RequiredString("image");
        var args = context.Text("args", int.MaxValue);
        var body = context.Body ?? throw context.Abort("withDockerContainer needs a body { ... }");
        return await DockerCommands.InsideAsync(context.Frame, context.Span, image, args, body, logStep: false).ConfigureAwait(false);
    }
}
