using System.Collections.Concurrent;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Docker.PassThrough;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// One remote Docker engine used as a build node (an <c>engines:</c> entry): its client, its executors in use and its
/// health. A node that stops answering is offline and gets no new agent until it answers again; then whatever the
/// builds it lost left on it (containers, workspace volumes) is swept before it takes work. An <c>ssh://</c> node is
/// reached through its <see cref="SshTunnel"/>: ssh ending is the node lost (with ssh's reason), and checking the node
/// again starts ssh again.
/// </summary>
public sealed class RemoteNode : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte> _lostScopes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly TimeProvider _time;
    private int _busy;
    private long _lastCheck;

    internal RemoteNode(EngineDefinition definition, DockerEngine engine, DockerEngine imageSource, TimeProvider time, SshTunnel? tunnel = null)
    {
        Definition = definition;
        Engine = engine;
        Tunnel = tunnel;
        _time = time;
        Slots = new ExecutorSlots(definition.Executors);
        EngineSocket = definition.Socket is { } socket ? new NodeEngineSocket(definition.Name, definition.Docker, socket, StaticCliLocator.Find(null)) : null;
        Provider = new DockerAgentProvider(engine, new DockerAgentOptions
        {
            WorkspaceOnVolume = true,
            ImageSource = imageSource,
            NodeName = definition.Name,
            RunAsHostUser = false,
            SweepAtStart = false,
            RemoveOwnedOnProcessExit = true,
            RemoveOwnedOnSignal = false,
            NodeSocket = EngineSocket,
        });
    }

    public EngineDefinition Definition { get; }

    public string Name => Definition.Name;

    internal DockerEngine Engine { get; }

    internal DockerAgentProvider Provider { get; }

    /// <summary>The node's own engine socket its agents get (<c>socket:</c>), or null: they get no engine.</summary>
    internal NodeEngineSocket? EngineSocket { get; }

    /// <summary>The ssh process an ssh:// node is reached through; null for tcp:// and unix://.</summary>
    internal SshTunnel? Tunnel { get; }

    /// <summary>An ssh:// node whose ssh does not run (not started yet, or ended): it is checked (ssh started) before it takes work.</summary>
    internal bool NeedsConnection => Tunnel is { Running: false };

    /// <summary>An ssh:// node never reached yet: no build has anything there.</summary>
    internal bool NeverConnected => Tunnel is { Opened: false };

    /// <summary>Agents running on it now.</summary>
    public int Busy => Volatile.Read(ref _busy);

    public bool Online { get; private set; } = true;

    /// <summary>Why it is offline (the engine's error, naming it), or null.</summary>
    public string? OfflineReason { get; private set; }

    /// <summary>When it went offline, or null while it is online.</summary>
    public DateTimeOffset? OfflineSince { get; private set; }

    /// <summary>Which build each of its executors runs now.</summary>
    public ExecutorSlots Slots { get; }

    /// <summary>When it was last asked whether it answers, and how fast it did.</summary>
    public NodeHealth Health { get; } = new();

    internal bool TryTakeExecutor()
    {
        while (true)
        {
            var busy = Volatile.Read(ref _busy);
            if (!Online || busy >= Definition.Executors)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _busy, busy + 1, busy) == busy)
            {
                return true;
            }
        }
    }

    internal void ReleaseExecutor() => Interlocked.Decrement(ref _busy);

    /// <summary>Marks it offline: the builds it lost (<paramref name="resourceScope"/>) are swept when it answers again.</summary>
    internal void MarkLost(string reason, string? resourceScope)
    {
        if (resourceScope is not null)
        {
            _lostScopes[resourceScope] = 0;
        }

        OfflineReason = reason;
        EngineSocket?.Forget();
        if (Online)
        {
            OfflineSince = _time.GetUtcNow();
        }

        Online = false;
    }

    /// <summary>What to sweep when it is back: a build that ended while it was offline.</summary>
    internal void RememberForSweep(string resourceScope) => _lostScopes[resourceScope] = 0;

    /// <summary>
    /// Asks the engine whether it answers (at most every <paramref name="interval"/>; now when null); a node that comes
    /// back is swept of what the builds it lost left, then takes work again.
    /// </summary>
    public async Task<bool> CheckAsync(TimeSpan? interval, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (interval is { } every && _time.GetElapsedTime(Interlocked.Read(ref _lastCheck), now) < every)
        {
            return Online;
        }

        await _checking.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Exchange(ref _lastCheck, now);
            if (Tunnel is not null && await Tunnel.OpenAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
            {
                MarkLost(CannotContact(NotReachable(unreachable)), null);
                return false;
            }

            if (await PingAsync(cancellationToken).ConfigureAwait(false) is { } failure)
            {
                MarkLost(failure, null);
                return false;
            }

            if (!Online || !_lostScopes.IsEmpty)
            {
                var janitor = new ResourceJanitor(Engine);
                foreach (var scope in _lostScopes.Keys)
                {
                    await janitor.RemoveBuildAsync(scope, cancellationToken).ConfigureAwait(false);
                    _lostScopes.TryRemove(scope, out _);
                }

                await janitor.SweepDeadOwnersAsync(cancellationToken).ConfigureAwait(false);
            }

            OfflineReason = null;
            OfflineSince = null;
            Online = true;
            return true;
        }
        catch (Exception e) when (NodeFailures.IsConnectionFailure(e))
        {
            MarkLost(CannotContact(Innermost(e)), null);
            return false;
        }
        finally
        {
            _checking.Release();
        }
    }

    /// <summary>Removes what a build left here; false when the node does not answer (it is then swept when it is back).</summary>
    internal async Task<bool> SweepBuildAsync(string resourceScope, CancellationToken cancellationToken)
    {
        try
        {
            await new ResourceJanitor(Engine).RemoveBuildAsync(resourceScope, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (NodeFailures.IsConnectionFailure(e))
        {
            MarkLost(CannotContact(Innermost(e)), resourceScope);
            return false;
        }
    }

    /// <summary>Null when the engine answers a ping within 5 s; else why not, in Jenkins' words for an agent it lost ("Cannot contact NAME: cause").</summary>
    internal async Task<string?> PingAsync(CancellationToken cancellationToken)
    {
        if (Tunnel?.Failure is { } ended)
        {
            return CannotContact(NotReachable(ended));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var asked = _time.GetTimestamp();
        try
        {
            await Engine.Client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            Health.Answered(_time.GetUtcNow(), _time.GetElapsedTime(asked));
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Health.Unanswered(_time.GetUtcNow());
            return CannotContact("no answer within 5 s");
        }
        catch (Exception e) when (NodeFailures.IsConnectionFailure(e))
        {
            Health.Unanswered(_time.GetUtcNow());
            if (Tunnel is not null)
            {
                // A broken connection through ssh: when ssh ended, its reason is the one to give.
                await Tunnel.WaitForEndAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                if (Tunnel.Failure is { } sshEnded)
                {
                    return CannotContact(NotReachable(sshEnded));
                }
            }

            return CannotContact(Innermost(e));
        }
    }

    private static string NotReachable(string sshReason) => "is not reachable: " + sshReason;

    /// <summary>Jenkins' words for an agent it lost: "Cannot contact NAME: cause".</summary>
    internal string CannotContact(string cause) => $"Cannot contact {Name}: the Docker engine at {Definition.Docker} {cause}";

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return $"does not answer ({e.Message.ReplaceLineEndings(" ").TrimEnd('.')})";
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync().ConfigureAwait(false);
        EngineSocket?.Dispose();
        Engine.Dispose();
        if (Tunnel is not null)
        {
            await Tunnel.DisposeAsync().ConfigureAwait(false);
        }

        _checking.Dispose();
    }
}
