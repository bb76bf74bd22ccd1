using ContainerCd.Runtime.Agents;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// The mirror synced on demand (<see cref="IMirroredWorkspace"/>). A container started beside this agent
/// (<see cref="StartContainerAsync"/>) shares its folder here: what it brings here or is said to change here, this
/// agent's next step sends on.
/// </summary>
internal sealed partial class RemoteNodeAgent
{
    /// <summary>The agent this one was started beside (its mirror shares this one's folder here); null for a node's own agent.</summary>
    private RemoteNodeAgent? Outer { get; init; }

    public async ValueTask LevelAsync(IShellOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!_mirror.NodeMayBeAhead)
        {
            return;
        }

        await WatchedAsync(output, async token =>
        {
            await _mirror.LevelAsync(token).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        Outer?.ChangedHere();
    }

    public void ChangedHere()
    {
        _mirror.ChangedHere();
        Outer?.ChangedHere();
    }
}
