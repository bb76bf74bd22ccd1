using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.PassThrough;

namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>
/// Starts <c>docker: isolated</c> agents: the agent's container runs on the host engine as any container agent
/// does (same image handling, workspace, watchdog), but instead of the host engine it reaches its build's own
/// engine (<see cref="IsolatedEngines"/>) through <c>DOCKER_HOST</c>, with the static docker CLI mounted. What its
/// steps build and run lives in that engine and goes with it when the build ends, and so do the containers its node
/// starts beside it (<see cref="IsolatedEngineAgent"/>: <c>inside</c>, <c>withDockerContainer</c>, <c>reuseNode</c>).
/// </summary>
public sealed class IsolatedEngineAgentProvider : IAgentProvider, IAsyncDisposable
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
        _cli = StaticCliLocator.Find(options?.DockerCliPath);
        _engines = new IsolatedEngines(host, engineOptions with { DockerCliPath = _cli });
    }

    public bool CanStart(AgentSpec spec) => spec is IsolatedEngineAgentSpec;

    public async ValueTask<IAgent> StartAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var spec = request.Spec as IsolatedEngineAgentSpec ?? throw new ArgumentException("The isolated engine provider starts docker: isolated agents only (see CanStart).", nameof(request));
        var cache = spec.Cache;
        if (_cli is null)
        {
            log.Write("No statically linked docker CLI found on this machine (set CONTAINERCD_DOCKER_CLI): steps reach the isolated engine through DOCKER_HOST but need their own docker CLI.\n");
        }

        // The agent's container starts while dockerd does: the agent is ready when both are.
        var engine = await _engines.AcquireAsync(request, cache, log, cancellationToken).ConfigureAwait(false);
        var container = spec.Container with { PassThroughDockerEngine = false, Label = spec.Label, Node = spec.Node, CustomWorkspace = spec.CustomWorkspace };
        var agent = _containers.StartAsync(request, container, log, new IsolatedEngineAccess(engine, _cli), cancellationToken).AsTask();
        try
        {
            await engine.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DisposeQuietlyAsync(agent).ConfigureAwait(false);
            await _engines.DiscardFailedAsync(engine).ConfigureAwait(false);
            throw;
        }

        return new IsolatedEngineAgent((DockerAgent)await agent.ConfigureAwait(false), engine, _cli is null ? null : EngineScript.CliPath);
    }

    private static async Task DisposeQuietlyAsync(Task<IAgent> agent)
    {
        try
        {
#pragma warning disable VSTHRD003 // The agent's start, begun by StartAsync in this same flow.
            await (await agent.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
#pragma warning restore VSTHRD003
        }
#pragma warning disable CA1031 // The engine's failure is the one to report; the agent's own start failure adds nothing.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Removes the build's engines and everything in them.</summary>
    public ValueTask ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken = default) =>
        _engines.ReleaseBuildAsync(resourceScope, cancellationToken);

    public ValueTask DisposeAsync() => _engines.DisposeAsync();
}
