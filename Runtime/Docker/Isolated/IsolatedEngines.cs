using System.Collections.Concurrent;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Ownership;

namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>
/// The isolated Docker engines of <c>docker: isolated</c> agents: one per build and workspace (a build's
/// sequential stages share one engine and what it built; parallel branches in workspaces of their own get one
/// each, since an engine sees exactly the workspace it was started with, at the same path). An engine is a
/// container of <see cref="Images.BaseImages.IsolatedEngine"/> on the host engine running dockerd with its data
/// root in a volume (no overlay on overlay), its socket in a volume that agent containers mount, and labels
/// like every other resource of the build: <see cref="ReleaseBuildAsync"/> removes it with its volumes, so the
/// images, containers and networks the build made there vanish; if containercd dies, the engine's own watchdog
/// stops it and auto-removal takes it, and the start-up sweep removes its socket volume.
/// It is not privileged (this host's engine refuses <c>--privileged</c>, and dockerd needs less): it gets
/// CAP_SYS_ADMIN and CAP_NET_ADMIN with no seccomp or AppArmor profile, which isolates builds from the host
/// engine's containers but is no sandbox against a hostile pipeline. An engine starts from a template
/// (<c>IsolatedEngines.Template.cs</c>) with the base images already in its data root (a second and more of each start).
/// </summary>
internal sealed partial class IsolatedEngines(DockerEngine host, IsolatedEngineOptions options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Scope, string Workspace), Slot> _engines = new();
    private readonly ResourceJanitor _janitor = new(host);
    private int _swept;

    /// <summary>
    /// The build's engine for this workspace, started on first use: returned as soon as its socket volume exists
    /// (an agent container can be created meanwhile); await <see cref="IsolatedEngine.Ready"/> before using it.
    /// </summary>
    public async Task<IsolatedEngine> AcquireAsync(AgentRequest request, bool cache, IShellOutput log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            EngineSocketDirectory.SweepDeadOwners();
        }

        var slot = _engines.GetOrAdd((request.ResourceScope, request.Workspace), _ => new Slot());
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A failed start is not kept: the next agent of the build tries again.
            if (slot.Engine is { Ready.IsFaulted: true } or { Ready.IsCanceled: true })
            {
                await slot.Engine.DisposeAsync().ConfigureAwait(false);
                await _janitor.RemoveScopeAsync(slot.Engine.ScopeId, CancellationToken.None).ConfigureAwait(false);
                slot.Engine = null;
            }

            return slot.Engine ??= await StartAsync(request, cache, log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>
    /// Removes an engine that failed to start, once nothing uses its socket volume any more (the agent container
    /// started beside it is gone): the build's end would, but a failed start should leave nothing meanwhile.
    /// </summary>
    public async Task DiscardFailedAsync(IsolatedEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!engine.Ready.IsFaulted && !engine.Ready.IsCanceled)
        {
            return;
        }

        foreach (var (key, slot) in _engines)
        {
            if (ReferenceEquals(slot.Engine, engine))
            {
                _engines.TryRemove(key, out _);
            }
        }

        await engine.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _janitor.RemoveScopeAsync(engine.ScopeId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or TimeoutException or global::Docker.DotNet.DockerApiException)
        {
            // The build's end, or the next start's sweep, removes what is left.
        }
    }

    /// <summary>Removes the build's engines with their volumes (everything the build made in them goes with them).</summary>
    public async ValueTask ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken)
    {
        foreach (var key in _engines.Keys.Where(k => k.Scope == resourceScope).ToList())
        {
            if (!_engines.TryRemove(key, out var slot))
            {
                continue;
            }

            await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (slot.Engine is { } engine)
                {
                    await Task.WhenAny(engine.Ready).ConfigureAwait(false);
                    await engine.DisposeAsync().ConfigureAwait(false);
                    slot.Engine = null;
                    try
                    {
                        await _janitor.RemoveScopeAsync(engine.ScopeId, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or TimeoutException)
                    {
                        // The host engine does not answer: the engine went with it (or the next start's sweep takes it).
                    }
                }
            }
            finally
            {
                slot.Gate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _engines.Keys.Select(k => k.Scope).Distinct(StringComparer.Ordinal).ToList())
        {
            await ReleaseBuildAsync(scope, CancellationToken.None).ConfigureAwait(false);
        }

        _templateGate.Dispose();
    }

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public IsolatedEngine? Engine { get; set; }
    }
}
