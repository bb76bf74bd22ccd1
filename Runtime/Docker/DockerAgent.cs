using System.Collections.Concurrent;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Docker.Shell;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker;

/// <summary>
/// One container kept alive for an agent scope. Steps run in long-lived shells inside it (see
/// <see cref="ShellSession"/>), opened with an exec: one when the agent starts, one more per step running at
/// the same time. The container's own main shell is its <see cref="OwnerWatchdog"/>. Disposing removes the
/// container and everything labelled with its scope.
/// </summary>
internal sealed class DockerAgent : IAgent
{
    private const string KillScript =
        "for i in 1 2 3 4 5; do f=0; for p in /proc/[0-9]*; do " +
        "if grep -q \"$1\" \"$p/environ\" 2>/dev/null; then kill -9 \"${p#/proc/}\" 2>/dev/null; f=1; fi; done; " +
        "[ \"$f\" = 0 ] && break; done; exit 0";

    private readonly DockerEngine _engine;
    private readonly ResourceJanitor _janitor;
    private readonly ConcurrentBag<ShellSession> _idle = [];
    private readonly ConcurrentDictionary<ShellSession, byte> _all = new();
    private readonly long? _memoryLimit;
    private readonly ShellSession _watchdog;
    private Task<ShellSession>? _warm;
    private long _oomKillsSeen;
    private int _disposed;

    public DockerAgent(DockerEngine engine, string containerId, string name, string scopeId, string workspace, IReadOnlyList<string> labels,
        IReadOnlyDictionary<string, string> environment, ShellSession watchdog, long? memoryLimit, bool stepWorkers)
    {
        _engine = engine;
        _janitor = new ResourceJanitor(engine);
        ContainerId = containerId;
        NodeName = name;
        ScopeId = scopeId;
        Workspace = workspace;
        Labels = labels;
        Environment = environment;
        _memoryLimit = memoryLimit;
        _watchdog = watchdog;
        StepWorkers = stepWorkers;

        // The first step's shell opens while the stage gets ready: a step then costs no exec.
        _warm = OpenShellAsync(CancellationToken.None);
    }

    public string ContainerId { get; }

    /// <summary>Whether step sessions run a <see cref="StepWorkerLoop"/>: each step's shell started before the step arrives.</summary>
    internal bool StepWorkers { get; }

    public string ScopeId { get; }

    /// <summary>The build's engine this agent's steps reach (<c>docker: isolated</c>); null: the host's, passed through.</summary>
    internal Isolated.IsolatedEngine? IsolatedEngine { get; init; }

    /// <summary>On a remote node: whether the container got the node's own engine (its socket and the docker CLI: see <see cref="Nodes.NodeEngineSocket"/>).</summary>
    internal bool HasNodeEngine { get; init; }

    /// <summary>The build's isolated engine with <c>docker: isolated</c>, else this machine's (passed through or not). On a remote node its <see cref="Nodes.RemoteNodeAgent"/> says so.</summary>
    public AgentEngine Engine => IsolatedEngine is null ? AgentEngine.ThisMachine : AgentEngine.Isolated;

    public string NodeName { get; }

    public IReadOnlyList<string> Labels { get; }

    public string Workspace { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public async ValueTask<ShellResult> ExecuteAsync(ShellCommand command, IShellOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ShellSession session;
        try
        {
            session = await RentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or ShellSessionLostException)
        {
            // No shell can be opened in the container: it stopped, and auto-removal takes it.
            return await ContainerLostAsync(output).ConfigureAwait(false);
        }

        try
        {
            var script = session.Prepare(command);
            var outcome = await session.RunAsync(script, output, KillAsync, cancellationToken).ConfigureAwait(false);
            var oom = false;
            if (outcome.ExitCode == 137 && outcome.OomKills > Interlocked.Read(ref _oomKillsSeen))
            {
                Interlocked.Exchange(ref _oomKillsSeen, outcome.OomKills);
                oom = true;
                output.Write($"Killed by the kernel's OOM killer: the container ran out of memory{LimitText()}.\n");
            }

            return new ShellResult(outcome.ExitCode, outcome.Stdout, oom);
        }
        catch (ShellSessionLostException)
        {
            return await ContainerLostAsync(output).ConfigureAwait(false);
        }
        finally
        {
            Return(session);
        }
    }

    private string LimitText() => _memoryLimit is { } bytes ? $" (memory limit {bytes / (1024 * 1024)} MiB)" : "";

    private async Task<ShellResult> ContainerLostAsync(IShellOutput output)
    {
        ContainerInspectResponse? state = null;
        try
        {
            state = await _engine.Client.Containers.InspectContainerAsync(ContainerId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerApiException)
        {
        }

        if (state?.State is { Running: false } stopped)
        {
            var oom = stopped.OOMKilled;
            output.Write(oom
                ? $"The agent container {NodeName} was killed by the kernel's OOM killer{LimitText()}.\n"
                : $"The agent container {NodeName} stopped while the step ran (exit code {stopped.ExitCode}).\n");
            return new ShellResult(oom ? 137 : (int)stopped.ExitCode is var code and not 0 ? code : -1, null, oom);
        }

        output.Write(state is null
            ? $"The agent container {NodeName} is gone: it stopped (its main process ended) or was removed while the step ran.\n"
            : $"The shell running the step in {NodeName} ended unexpectedly.\n");
        return new ShellResult(-1, null);
    }

    private async Task<ShellSession> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var session))
        {
            if (session.IsUsable)
            {
                return session;
            }

            await DropAsync(session).ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _warm, null) is { } warm)
        {
            try
            {
                return await warm.ConfigureAwait(false);
            }
            catch (Exception e) when (e is DockerApiException or IOException or HttpRequestException or ShellSessionLostException)
            {
                // Opening it again below reports the error for this step.
            }
        }

        // Every shell is busy (parallel branches on one agent): open another one.
        return await OpenShellAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ShellSession> OpenShellAsync(CancellationToken cancellationToken)
    {
        var exec = await _engine.Client.Exec.CreateContainerExecAsync(ContainerId, new ContainerExecCreateParameters
        {
            AttachStdin = true,
            AttachStdout = true,
            AttachStderr = true,
            Cmd = ["sh"],
        }, cancellationToken).ConfigureAwait(false);
        var stream = await _engine.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false, TTY = false }, cancellationToken).ConfigureAwait(false);
        var created = ShellSession.Attach(stream, $"{NodeName}/exec-{exec.ID[..12]}");
        _all[created] = 0;
        if (StepWorkers)
        {
            await created.StartWorkersAsync(cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    private void Return(ShellSession session)
    {
        if (session.IsUsable && Volatile.Read(ref _disposed) == 0)
        {
            _idle.Add(session);
        }
        else
        {
            _ = DropAsync(session);
        }
    }

    private async Task DropAsync(ShellSession session)
    {
        if (_all.TryRemove(session, out _))
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Kills every process of the step (found by its cookie in /proc/PID/environ), as root, in one exec.</summary>
    private async Task KillAsync(StepScript script)
    {
        try
        {
            var exec = await _engine.Client.Exec.CreateContainerExecAsync(ContainerId, new ContainerExecCreateParameters
            {
                AttachStdout = true,
                AttachStderr = true,
                User = "0",
                Cmd = ["sh", "-c", KillScript, "sh", script.Cookie],
            }, CancellationToken.None).ConfigureAwait(false);
            using var stream = await _engine.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false }, CancellationToken.None).ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await stream.ReadOutputToEndAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or IOException or HttpRequestException or OperationCanceledException)
        {
            // The container is gone or its engine does not answer: its removal ends the processes anyway.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The container goes first: closing the watchdog's input while it lives would set it cleaning up.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _engine.Client.Containers.RemoveContainerAsync(ContainerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token).ConfigureAwait(false);
        }
        catch (DockerApiException)
        {
            // Already gone or being removed; the scope sweep below catches anything left.
        }

        if (Interlocked.Exchange(ref _warm, null) is { } warm)
        {
            try
            {
                _all[await warm.ConfigureAwait(false)] = 0;
            }
            catch (Exception e) when (e is DockerApiException or IOException or HttpRequestException or ShellSessionLostException)
            {
                // It never opened: the container was gone already.
            }
        }

        foreach (var session in _all.Keys)
        {
            await DropAsync(session).ConfigureAwait(false);
        }

        await _watchdog.DisposeAsync().ConfigureAwait(false);
        await _janitor.RemoveScopeAsync(ScopeId, timeout.Token).ConfigureAwait(false);
    }
}
