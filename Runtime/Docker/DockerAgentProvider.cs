using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Args;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Docker.Isolated;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Docker.PassThrough;
using ContainerCd.Runtime.Docker.Shell;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker;

/// <summary>
/// Starts container agents for <c>agent { docker }</c>, <c>agent { dockerfile }</c>, labels mapped to images
/// and <c>docker.image(..).inside</c>: resolves or builds the image, creates one labelled container with
/// the workspace at the same path, the host engine passed through, limits applied, and a shell attached to
/// run steps in. Every resource carries the build's and this process's labels. An agent's container goes on
/// its own when this process dies (<see cref="OwnerWatchdog"/>); what killed processes left behind anyway is
/// swept in the background when the provider is created; at process exit whatever this process still owns
/// is removed.
/// </summary>
public sealed partial class DockerAgentProvider : IAgentProvider, IAsyncDisposable
{
    private readonly DockerEngine _engine;
    private readonly DockerAgentOptions _options;
    private readonly ResourceJanitor _janitor;
    private readonly SemaphoreSlim _firstUse = new(1, 1);
    private readonly Lazy<EnginePassThrough?> _passThrough;
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly CancellationTokenSource _stopSweep = new();
    private bool _ready;

    public DockerAgentProvider(DockerEngine engine, DockerAgentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _options = options ?? DockerAgentOptions.Default;
        _janitor = new ResourceJanitor(engine);
        _passThrough = new Lazy<EnginePassThrough?>(() => engine.Endpoint.SocketPath is { } socket ? EnginePassThrough.Prepare(socket, _options.DockerCliPath) : null);
        if (_options.RemoveOwnedOnProcessExit)
        {
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }

        if (_options.RemoveOwnedOnSignal && !OperatingSystem.IsWindows())
        {
            // .NET does not raise ProcessExit for SIGTERM or SIGINT: the process would die with its containers alive.
            foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
            {
                _signals.Add(PosixSignalRegistration.Create(signal, OnTerminatingSignal));
            }
        }

        // Off the caller's path: a run with host stages only does not wait for Docker, and never fails for want of it.
        Sweep = _options.SweepAtStart ? Task.Run(() => SweepQuietlyAsync(_stopSweep.Token)) : Task.FromResult<ResourceJanitor.Removed?>(null);
    }

    public ResourceJanitor Janitor => _janitor;

    /// <summary>The start-up sweep of what dead containercd processes left: what it removed, or null when no engine answered.</summary>
    public Task<ResourceJanitor.Removed?> Sweep { get; }

    public bool CanStart(AgentSpec spec) => spec is ContainerAgentSpec;

    public ValueTask<IAgent> StartAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spec = request.Spec as ContainerAgentSpec ?? throw new ArgumentException("The Docker agent provider starts container agents only (see CanStart).", nameof(request));
        return StartAsync(request, spec, log, null, cancellationToken);
    }

    /// <summary>Starts the agent's container; with <paramref name="isolated"/> it reaches that engine instead of the host's.</summary>
    internal async ValueTask<IAgent> StartAsync(AgentRequest request, ContainerAgentSpec spec, IShellOutput log, IsolatedEngineAccess? isolated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);

        var args = DockerRunArgsParser.Parse(spec.Args, out var argsError) ?? throw new AgentStartException(argsError!);
        string image;
        Func<Task>? ensureOnNode = null;
        if (spec.Dockerfile is not null)
        {
            image = await new DockerfileImageBuilder(_options.ImageSource ?? _engine).BuildAsync(spec.Dockerfile, request.Workspace, log, cancellationToken).ConfigureAwait(false);
            if (_options.ImageSource is { } source)
            {
                var built = image;
                ensureOnNode = () => EnsureOnNodeAsync(source, built, null, false, log, cancellationToken);
                await ensureOnNode().ConfigureAwait(false);
            }
        }
        else if (!string.IsNullOrWhiteSpace(spec.Image))
        {
            image = spec.Image.Trim();
            var credentials = spec.RegistryCredentialsId is { Length: > 0 } id && _options.ResolveCredentials is { } resolve
                ? await resolve(id, cancellationToken).ConfigureAwait(false)
                : null;
            if (_options.ImageSource is { } source)
            {
                // A remote node: no registry is needed, the image comes from this machine's engine (pulled there first when it must be).
                var named = image;
                Task Resolve() => new ImageResolver(source).EnsureAsync(named, spec.AlwaysPull, spec.RegistryUrl, credentials, log, cancellationToken);
                ensureOnNode = () => EnsureOnNodeAsync(source, named, Resolve, spec.AlwaysPull, log, cancellationToken);
                await ensureOnNode().ConfigureAwait(false);
            }
            else
            {
                await new ImageResolver(_engine, _options.EngineName).EnsureAsync(image, spec.AlwaysPull, spec.RegistryUrl, credentials, log, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            throw new AgentStartException("A docker agent needs an image (agent { docker { image '...' } }) or a Dockerfile.");
        }

        var scopeId = Guid.NewGuid().ToString("N")[..12];
        var name = ContainerName(request, scopeId);
        var labels = ResourceLabels.ForScope(request.ResourceScope, request.Job, scopeId, ResourceLabels.AgentRole);
        var workspaceVolume = _options.WorkspaceOnVolume
            ? new WorkspaceVolume(name + "-ws", ResourceLabels.ForScope(request.ResourceScope, request.Job, scopeId, ResourceLabels.WorkspaceRole))
            : null;
        var passThrough = spec.PassThroughDockerEngine && isolated is null && !_options.WorkspaceOnVolume ? _passThrough.Value : null;
        var nodeSocket = spec.PassThroughDockerEngine ? _options.NodeSocket : null;
        var nodeEngine = nodeSocket is null ? null : await nodeSocket.MountsAsync(_engine, image, log, cancellationToken).ConfigureAwait(false);
        var parameters = ContainerFactory.Create(request, spec, args, image, name, labels, _options, passThrough, isolated, workspaceVolume, nodeEngine);
        if (passThrough is { CliPath: null })
        {
            log.Write("No statically linked docker CLI found on this machine (set CONTAINERCD_DOCKER_CLI): steps reach the engine at /var/run/docker.sock but need their own docker CLI.\n");
        }

        Directory.CreateDirectory(ContainerFactory.TempDirectory(request.Workspace));
        var remakeCli = nodeEngine is null ? null : (Func<Task>)(() => nodeSocket!.RemakeCliAsync(_engine, image, cancellationToken));
        var created = await CreateContainerAsync(parameters, ensureOnNode, remakeCli, cancellationToken).ConfigureAwait(false);

        ShellSession? primary = null;
        try
        {
            var stream = await _engine.Client.Containers.AttachContainerAsync(created.ID, new ContainerAttachParameters { Stream = true, Stdin = true, Stdout = true, Stderr = true }, cancellationToken).ConfigureAwait(false);
            primary = ShellSession.Attach(stream, name);
            try
            {
                await _engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw new AgentStartException($"Cannot start the agent container from '{image}': {OneLine(e)}", e);
            }

            using var probeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probeTimeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await primary.ProbeAsync(probeTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ShellSessionLostException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var state = await InspectOrNullAsync(created.ID).ConfigureAwait(false);
                throw new AgentStartException(state?.State?.Running == true
                    ? $"The agent container from '{image}' does not run a shell reading its input: its ENTRYPOINT ignores the command 'sh'. Add args '--entrypoint=' to the agent."
                    : $"The agent container from '{image}' exited at start{(state is null ? "" : $" (exit code {state.State?.ExitCode})")}: it needs /bin/sh, and an ENTRYPOINT that runs the command it is given (or args '--entrypoint=').");
            }

            // From here on the main shell only waits for this process's end (see OwnerWatchdog); steps run in shells of their own.
            await primary.HandOverAsync(OwnerWatchdog.Script(OwnerIdentity.Current.ToString()), cancellationToken).ConfigureAwait(false);

            var memory = args.MemoryBytes ?? spec.MemoryLimitBytes;
            return new DockerAgent(_engine, created.ID, name, scopeId, request.Workspace, spec.Label is { Length: > 0 } label ? [label] : [], request.NodeEnvironment, primary, memory,
                stepWorkers: _options.StepWorkers && !_options.WorkspaceOnVolume)
            {
                IsolatedEngine = isolated?.Engine,
                HasNodeEngine = nodeEngine is not null,
            };
        }
        catch
        {
            if (primary is not null)
            {
                await primary.DisposeAsync().ConfigureAwait(false);
            }

            await _janitor.RemoveScopeAsync(scopeId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// At the build's end: removes what it created on the engine (agents' containers, what its steps started with
    /// the build's labels). No engine, nothing to remove: a build with host stages only does not need one.
    /// </summary>
    public async ValueTask ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken = default)
    {
        if (_engine.Endpoint.SocketPath is { } socket && !File.Exists(socket))
        {
            return;
        }

        try
        {
            await _janitor.RemoveBuildAsync(resourceScope, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // The engine does not answer: it holds nothing this build could have left.
        }
    }

    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _firstUse.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await _engine.EnsureReachableAsync(cancellationToken).ConfigureAwait(false);
                _ready = true;
            }
        }
        finally
        {
            _firstUse.Release();
        }
    }

    private async Task<ContainerInspectResponse?> InspectOrNullAsync(string id)
    {
        try
        {
            return await _engine.Client.Containers.InspectContainerAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Auto-removal took it as soon as it stopped.
            return null;
        }
    }

    private async Task<ResourceJanitor.Removed?> SweepQuietlyAsync(CancellationToken cancellationToken)
    {
        if (_engine.Endpoint.SocketPath is { } socket && !File.Exists(socket))
        {
            return null;
        }

        try
        {
            await _engine.EnsureReachableAsync(cancellationToken).ConfigureAwait(false);
            return await _janitor.SweepDeadOwnersAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // No engine, or one that fails: the next start sweeps again.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static string ContainerName(AgentRequest request, string scopeId)
    {
        var job = SafeName().Replace(request.Job, "-").Trim('-', '.');
        if (job.Length > 40)
        {
            job = job[..40];
        }

        return string.Create(CultureInfo.InvariantCulture, $"containercd-{(job.Length > 0 ? job : "job")}-{request.BuildNumber}-{scopeId}");
    }

    private static string OneLine(DockerApiException e) =>
        (e.ResponseBody is { Length: > 0 } body ? body : e.Message).ReplaceLineEndings(" ").Trim();

    private void OnTerminatingSignal(PosixSignalContext context)
    {
        // Not cancelled: once every handler has run, the signal's default action ends the process.
        using (ShutdownGate.Enter())
        {
            RemoveEverythingOwned();
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => RemoveEverythingOwned();

    private void RemoveEverythingOwned()
    {
        // The process is going away (a signal, or the end of Main with agents still alive): nothing it owns may stay.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
#pragma warning disable VSTHRD002 // ProcessExit is synchronous: blocking here is the only way to finish the cleanup.
        try
        {
            // A client of its own: the caller's may be disposed meanwhile (its Main ends when the agent's container goes).
            using var engine = DockerEngine.Create(_engine.Endpoint);
            new ResourceJanitor(engine).RemoveOwnedByCurrentProcessAsync(timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is DockerApiException or IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
        {
        }
#pragma warning restore VSTHRD002
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var registration in _signals)
        {
            registration.Dispose();
        }

        // A sweep still running is given a moment to finish (a half-done one is taken up by the next start).
        await Task.WhenAny(Sweep, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        await _stopSweep.CancelAsync().ConfigureAwait(false);
        await Sweep.ConfigureAwait(false);
        _stopSweep.Dispose();
        _firstUse.Dispose();
    }

    [GeneratedRegex("[^a-zA-Z0-9_.-]+")]
    private static partial Regex SafeName();
}
