using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Agents;
using ContainerCd.Runtime.Pipeline.Environment;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Docker.Pipeline;

/// <summary>
/// What the Docker Pipeline globals do on the current node: docker CLI commands run as <c>sh</c> steps
/// (logged as such), <c>inside</c> as an agent container sharing the node's workspace, and the registry
/// of the enclosing <c>withRegistry</c> (image names qualified with it, DOCKER_REGISTRY_URL set, and a
/// <c>docker login</c> into a DOCKER_CONFIG of its own in <c>WORKSPACE@tmp</c> when it has credentials).
/// The engine is the node's: this machine's on the host and container agents, the build's own on a <c>docker: isolated</c>
/// agent (its steps reach it through DOCKER_HOST, and <c>inside</c> starts its container there);
/// on a remote node <c>inside</c> runs on the node's engine, and so do the CLI commands when the node gives its agents its
/// own engine (<c>socket:</c>; they are refused otherwise).
/// </summary>
internal static class DockerCommands
{
    private static readonly AsyncLocal<RegistryContext?> Registry = new();

    private sealed record RegistryContext(string Url, string Host);

    /// <summary>Runs a docker CLI command as a <c>sh</c> step on the current node; <paramref name="operation"/> names it when the node's engine refuses it.</summary>
    public static async Task<string> ShAsync(Frame frame, string operation, string script, bool returnStdout = false, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var flow = extraEnvironment is null ? frame.Flow : frame.Flow.WithEnvironment(extraEnvironment);
        var build = flow.Build ?? throw StepErrors.Abort("docker commands need a running build");
        var node = flow.Node ?? throw StepErrors.MissingNode("sh");
        if (node.Agent.RefuseDockerCli(operation) is { } refusal)
        {
            throw StepErrors.Abort(refusal);
        }

        build.PipelineLine(flow, "sh");
        var command = new ShellCommand(script, flow.WorkingDirectory ?? node.Workspace, EnvironmentResolver.ForAgent(build, flow), returnStdout);
        var output = new StepOutput(build, flow);
        ShellResult result;
        try
        {
            result = await build.WhileWaitingAsync(() => node.Agent.ExecuteAsync(command, output, flow.CancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (flow.CancellationToken.IsCancellationRequested)
        {
            output.Flush();
            throw flow.Cancellation.CreateInterruptedException();
        }

        output.Flush();
        return result.ExitCode == 0 ? result.Stdout ?? "" : throw StepErrors.Abort($"script returned exit code {result.ExitCode}");
    }

    /// <summary><c>image.run(args, command)</c>: <c>docker run -d</c>, labelled with the build so it is removed with it.</summary>
    public static async Task<DockerContainerValue> RunAsync(Frame frame, string operation, string image, string? args, string? command)
    {
        var build = frame.Flow.Build ?? throw StepErrors.Abort("docker commands need a running build");
        var labels = ResourceLabels.ForScope(build.ResourceScope, build.Job, "run-" + Guid.NewGuid().ToString("N")[..8], "step");
        var labelArgs = string.Join(' ', labels.Select(p => $"--label {p.Key}={Shell.ShellQuote.Quote(p.Value)}"));
        var id = await ShAsync(frame, operation, $"docker run -d {labelArgs} {args} {image} {command}".TrimEnd(), returnStdout: true).ConfigureAwait(false);
        return new DockerContainerValue(id.Trim().Split('\n')[^1].Trim());
    }

    public static async Task<object?> InsideAsync(Frame frame, SourceSpan span, string image, string? args, CallableValue body, bool logStep)
    {
        var flow = frame.Flow;
        var build = flow.Build ?? throw StepErrors.Abort("docker commands need a running build");
        var node = flow.Node ?? throw StepErrors.MissingNode("withDockerContainer");
        if (logStep)
        {
            build.PipelineLine(flow, "withDockerContainer");
        }

        var registry = Registry.Value;
        var spec = new ContainerAgentSpec(image, null, args, AlwaysPull: false, registry?.Url, null, PassThroughDockerEngine: true, null, null);
        var allocation = await AgentAllocator.StartOnNodeAsync(build, flow, node, spec).ConfigureAwait(false);
        build.PipelineLine(flow, "{");
        try
        {
            var inner = flow with { Node = allocation.Node };
            return await body.CallAsync(frame.Interpreter, [], frame.WithFlow(inner), span).ConfigureAwait(false);
        }
        finally
        {
            await build.WhileWaitingAsync(() => allocation.DisposeAsync()).ConfigureAwait(false);
            build.PipelineLine(flow, "}");
            if (logStep)
            {
                build.PipelineLine(flow, "// withDockerContainer");
            }
        }
    }

    public static async Task<object?> WithRegistryAsync(Frame frame, SourceSpan span, string url, string? credentialsId, CallableValue body)
    {
        var flow = frame.Flow;
        var build = flow.Build ?? throw StepErrors.Abort("docker commands need a running build");
        var host = url.Contains("://", StringComparison.Ordinal) ? new Uri(url).Authority : url.TrimEnd('/');
        string? config = null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOCKER_REGISTRY_URL"] = url };
        if (!string.IsNullOrEmpty(credentialsId))
        {
            var credential = CredentialBinder.Find(build, credentialsId);
            var node = flow.Node ?? throw StepErrors.MissingNode("withDockerRegistry");
            // In WORKSPACE@tmp, which Docker agents mount too, and out of the workspace's files.
            config = Path.Combine(ContainerFactory.TempDirectory(node.Workspace), "docker-config-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(config);
            environment["DOCKER_CONFIG"] = config;
            build.Sink.Masker.Add(credential.Password);
            var login = new Dictionary<string, string>(environment, StringComparer.Ordinal)
            {
                ["CONTAINERCD_REGISTRY_USR"] = credential.Username ?? "",
                ["CONTAINERCD_REGISTRY_PSW"] = credential.Password ?? "",
            };
            // printf is a shell builtin: the login works in any image with a shell (busybox has no printenv).
            await ShAsync(frame, "docker.withRegistry (its docker login)", $"printf '%s\\n' \"$CONTAINERCD_REGISTRY_PSW\" | docker login -u \"$CONTAINERCD_REGISTRY_USR\" --password-stdin {host}", extraEnvironment: login).ConfigureAwait(false);
        }

        var previous = Registry.Value;
        Registry.Value = string.IsNullOrEmpty(url) ? null : new RegistryContext(url, host);
        try
        {
            return await body.CallAsync(frame.Interpreter, [], frame.WithFlow(flow.WithEnvironment(environment)), span).ConfigureAwait(false);
        }
        finally
        {
            Registry.Value = previous;
            if (config is not null)
            {
                try
                {
                    Directory.Delete(config, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A login written by another user in a container: the workspace's cleanup takes it.
                }

                await RemoveLoginOnNodeAsync(flow, config).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A remote node's agent logged in in its own WORKSPACE@tmp (a volume on the node, which this machine's folder is not):
    /// the login goes there at the body's end too, quietly, as the folder here does.
    /// </summary>
    private static async Task RemoveLoginOnNodeAsync(FlowContext flow, string config)
    {
        if (flow.Node is not { Agent: { Engine: AgentEngine.RemoteNode } agent } node)
        {
            return;
        }

        try
        {
            await agent.ExecuteAsync(new ShellCommand("#!/bin/sh\nrm -rf -- " + Shell.ShellQuote.Quote(config), node.Workspace, new Dictionary<string, string>(), false), Quiet.Instance, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is AgentLostException or IOException or HttpRequestException or OperationCanceledException)
        {
            // The node is gone, and with it the agent's volume (swept when the node is back).
        }
    }

    private sealed class Quiet : IShellOutput
    {
        public static readonly Quiet Instance = new();

        public void Write(string text)
        {
        }
    }

    /// <summary>The image name with the enclosing registry's host, unless it names a registry already.</summary>
    public static string Qualified(string image)
    {
        if (Registry.Value is not { } registry)
        {
            return image;
        }

        var first = image.Split('/')[0];
        var hasRegistry = image.Contains('/', StringComparison.Ordinal) && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        return hasRegistry ? image : $"{registry.Host}/{image}";
    }

    public static string WithTag(string image, string tag) => $"{ImageResolver.SplitTag(image).Name}:{tag}";
}
