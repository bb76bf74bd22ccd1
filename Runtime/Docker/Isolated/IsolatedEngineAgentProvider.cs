using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.PassThrough;

namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>
/// Starts <c>docker: isolated</c> agents: the agent's container runs on the host engine as any container agent
/// does (same image handling, workspace, watchdog), but instead of the host engine it reaches its build's own
/// engine (<see cref="IsolatedEngines"/>) through <c>DOCKER_HOST</c>, with the static docker CLI mounted. What its
/// steps build and run lives in that engine and goes with it when the build ends.
/// </summary>
public sealed class IsolatedEngineAgentProvider : IAsyncDisposable
{
    private readonly DockerAgentProvider _containers;
    private readonly IsolatedEngines _engines;
    private readonly string? _cli;

    public IsolatedEngineAgentProvider(DockerEngine host, DockerAgentProvider containers, DockerAgentOptions? options = null)
        : this(host, containers, options, IsolatedEngineOptions.Default)
    {
    }

    internal IsolatedEngineAgentProvider(DockerEngine host, DockerAgentProvider containers, DockerAgentOptions? options, IsolatedEngineOptions engineOptions)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(containers);
        _containers = containers;
        _engines = new IsolatedEngines(host, engineOptions);
        _cli = StaticCliLocator.Find(options?.DockerCliPath);
    }

    public async ValueTask<IAgent> StartAsync(AgentRequest request, bool cache, IShellOutput log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var spec = request.Docker ?? throw new ArgumentException("An isolated agent needs an image (AgentRequest.Docker).", nameof(request));
        if (_cli is null)
        {
            log.Write("No statically linked docker CLI found on this machine (set CONTAINERCD_DOCKER_CLI): steps reach the isolated engine through DOCKER_HOST but need their own docker CLI.\n");
        }

        var engine = await _engines.AcquireAsync(request, cache, log, cancellationToken).ConfigureAwait(false);
        return await _containers.StartAsync(request with { Docker = spec with { PassThroughDockerEngine = false } }, log, new IsolatedEngineAccess(engine, _cli), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the build's engines and everything in them.</summary>
    public ValueTask ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken = default) =>
        _engines.ReleaseBuildAsync(resourceScope, cancellationToken);

    public ValueTask DisposeAsync() => _engines.DisposeAsync();
}
