using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Isolated;

internal sealed partial class IsolatedEngines
{
    /// <summary>Makes the engine's socket volume, then starts dockerd in the background (<see cref="IsolatedEngine.Ready"/>).</summary>
    private async Task<IsolatedEngine> StartAsync(AgentRequest request, bool cache, IShellOutput log, CancellationToken cancellationToken)
    {
        var scopeId = Guid.NewGuid().ToString("N")[..12];
        var labels = ResourceLabels.ForScope(request.ResourceScope, request.Job, scopeId, ResourceLabels.EngineRole);
        EngineSocketDirectory hostSocket;
        try
        {
            hostSocket = EngineSocketDirectory.Create(scopeId);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentStartException($"Cannot start the isolated Docker engine: the folder of its socket for containercd: {e.Message}", e);
        }

        var engine = new IsolatedEngine(scopeId, $"containercd-engine-{scopeId}", request.Workspace, hostSocket);
        try
        {
            await host.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = engine.SocketVolume, Labels = labels }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            throw new AgentStartException($"Cannot start the isolated Docker engine: its socket volume: {OneLine(e.ResponseBody is { Length: > 0 } body ? body : e.Message)}", e);
        }

        engine.Ready = RunAsync(engine, request, labels, cache, log, cancellationToken);
        return engine;
    }

    private async Task RunAsync(IsolatedEngine engine, AgentRequest request, Dictionary<string, string> labels, bool cache, IShellOutput log, CancellationToken cancellationToken)
    {
        MultiplexedStream? input = null;
        try
        {
            var baseImage = await new ImageResolver(host).EnsureAsync(BaseImages.IsolatedEngine, false, null, null, log, cancellationToken).ConfigureAwait(false);
            var template = await TemplateAsync(baseImage.ID, log, cancellationToken).ConfigureAwait(false);
            var mounts = new List<Mount> { new() { Type = "volume", Source = engine.SocketVolume, Target = EngineScript.SocketDirectory } };
            if (cache && await CacheVolumeAsync(request.Job, log, cancellationToken).ConfigureAwait(false) is { } cacheVolume)
            {
                mounts.Add(new Mount { Type = "volume", Source = cacheVolume, Target = EngineScript.DataRoot });
            }

            var tmp = ContainerFactory.TempDirectory(request.Workspace);
            Directory.CreateDirectory(tmp);
            var parameters = EngineContainer(engine.ContainerName, template ?? BaseImages.IsolatedEngine, labels, EngineScript.Command());
            parameters.Env.Add($"{EngineScript.HostSocketVariable}={engine.HostSocket.Socket}");
            var hostConfig = parameters.HostConfig!;
            hostConfig.AutoRemove = true;
            hostConfig.Binds = [$"{request.Workspace}:{request.Workspace}", $"{tmp}:{tmp}", $"{engine.HostSocket.Path}:{engine.HostSocket.Path}"];
            if (options.DockerCliPath is { } cli)
            {
                // For the containers started in the engine (inside, reuseNode) to bind in turn.
                hostConfig.Binds.Add($"{cli}:{EngineScript.CliPath}:ro");
            }

            hostConfig.Mounts = mounts;
            CreateContainerResponse created;
            try
            {
                created = await host.Client.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (template is not null && e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // The template was replaced meanwhile (another containercd made a newer one): start from the base image.
                parameters.Image = BaseImages.IsolatedEngine;
                created = await host.Client.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false);
            }

            input = await host.Client.Containers.AttachContainerAsync(created.ID, new ContainerAttachParameters { Stream = true, Stdin = true, Stdout = true, Stderr = true }, cancellationToken).ConfigureAwait(false);
            engine.Started(created.ID, input);
            await host.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            var output = await WaitUntilReadyAsync(input, cancellationToken).ConfigureAwait(false);

            // A data root filled from the template holds the base images already; a kept cache, or no template, loads them.
            if (!output.Contains(EngineScript.FromTemplateMarker, StringComparison.Ordinal))
            {
                await PreloadAsync(created.ID, log, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DockerApiException e)
        {
            input?.Dispose();
            await _janitor.RemoveScopeAsync(engine.ScopeId, CancellationToken.None).ConfigureAwait(false);
            throw new AgentStartException($"Cannot start the isolated Docker engine ({BaseImages.IsolatedEngine}): {OneLine(e.ResponseBody is { Length: > 0 } body ? body : e.Message)}", e);
        }
        catch
        {
            input?.Dispose();
            await _janitor.RemoveScopeAsync(engine.ScopeId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// An engine's container (a build's, or the one that makes a template): the image's dockerd run by
    /// <see cref="EngineScript"/> (<paramref name="command"/>), its input attached, with what dockerd needs in an
    /// unprivileged container (see <see cref="IsolatedEngines"/>).
    /// </summary>
    private CreateContainerParameters EngineContainer(string name, string image, Dictionary<string, string> labels, IList<string> command) => new()
    {
        Name = name,
        Image = image,
        Cmd = command,
        Labels = labels,
        Env =
        [
            $"{EngineScript.ArgumentsVariable}={options.DockerdArguments}",
            string.Create(CultureInfo.InvariantCulture, $"{EngineScript.WaitVariable}={(int)Math.Ceiling(options.StartTimeout.TotalSeconds)}"),
        ],
        OpenStdin = true,
        StdinOnce = true,
        AttachStdin = true,
        AttachStdout = true,
        AttachStderr = true,
        HostConfig = new HostConfig
        {
            Init = true,
            CapAdd = ["SYS_ADMIN", "NET_ADMIN"],
            SecurityOpt = ["seccomp=unconfined", "apparmor=unconfined"],
        },
    };

    /// <summary>
    /// Reads the engine's output until its ready line and returns what it printed; its failure line and log tail
    /// become the error.
    /// </summary>
    private async Task<string> WaitUntilReadyAsync(MultiplexedStream output, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout + TimeSpan.FromSeconds(15));
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await output.ReadOutputAsync(buffer, 0, buffer.Length, timeout.Token).ConfigureAwait(false);
                if (read.EOF)
                {
                    break;
                }

                text.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
                var all = text.ToString();
                if (all.Contains(EngineScript.ReadyMarker + "\n", StringComparison.Ordinal))
                {
                    return all;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            text.Append(CultureInfo.InvariantCulture, $"{EngineScript.FailedMarker}: no answer within {options.StartTimeout.TotalSeconds + 15} s");
        }

        var report = text.ToString().Trim();
        var failed = report.IndexOf(EngineScript.FailedMarker, StringComparison.Ordinal);
        throw new AgentStartException(
            $"The isolated Docker engine did not start: {(failed >= 0 ? report[(failed + EngineScript.FailedMarker.Length)..].TrimStart(':', ' ') : $"its container ended before dockerd answered{(report.Length > 0 ? $": {report}" : "")}")}");
    }

    /// <summary>
    /// The job's layer cache (<c>cache: true</c>): a volume kept across builds, labelled as managed but owned by no
    /// process, so no build's end or sweep removes it. Two engines never share a data root: while another build of
    /// the job uses it, this engine starts empty.
    /// </summary>
    private async Task<string?> CacheVolumeAsync(string job, IShellOutput log, CancellationToken cancellationToken)
    {
        var name = "containercd-engine-cache-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(job)))[..16];
        var users = await host.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["volume"] = new Dictionary<string, bool> { [name] = true } },
        }, cancellationToken).ConfigureAwait(false);
        if (users.Count > 0)
        {
            log.Write($"The layer cache of {job} is in use by another build: this isolated engine starts empty.\n");
            return null;
        }

        await host.Client.Volumes.CreateAsync(new VolumesCreateParameters
        {
            Name = name,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [ResourceLabels.Managed] = "true", [ResourceLabels.Job] = job, [ResourceLabels.Role] = ResourceLabels.EngineCacheRole },
        }, cancellationToken).ConfigureAwait(false);
        return name;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
