namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// When the mirror syncs: only when a side needs what the other may have changed, as Jenkins moves an agent's files
/// only when the controller's side asks for them. Two counts tell it, with no scan or listing: the steps that ended on
/// the node (<see cref="StepEnded"/>) against those a pull had seen end when it began, and the changes said made here
/// (<see cref="ChangedHere"/>: a step on this side that may write the files) against those a push had seen when it
/// began. A step on the node that is still running when a pull lists, or a writer here still writing when a push scans,
/// counts only when it ends: the next level or step then syncs again, so nothing is missed.
/// </summary>
internal sealed partial class WorkspaceMirror
{
    private long _stepsThere;
    private long _pulledThrough;
    private long _changesHere;
    private long _pushedThrough;
    private int _pulls;
    private int _pushes;

    /// <summary>Pulls so far (each one listing of the node's workspace).</summary>
    public int Pulls => Volatile.Read(ref _pulls);

    /// <summary>Pushes so far (each one scan of the mirror), the first at the agent's start included.</summary>
    public int Pushes => Volatile.Read(ref _pushes);

    /// <summary>Whether a step on the node ended since the last pull began: the node may have files the mirror lacks.</summary>
    public bool NodeMayBeAhead => Volatile.Read(ref _stepsThere) != Volatile.Read(ref _pulledThrough);

    /// <summary>A step on the node ended (whatever its outcome): it may have changed the files there.</summary>
    public void StepEnded() => Interlocked.Increment(ref _stepsThere);

    /// <summary>Something here may have changed the mirror: the next <see cref="SendChangesAsync"/> pushes.</summary>
    public void ChangedHere() => Interlocked.Increment(ref _changesHere);

    /// <summary>Pulls when a step on the node ended since the last pull; otherwise the mirror is level already.</summary>
    public async Task LevelAsync(CancellationToken cancellationToken)
    {
        if (!NodeMayBeAhead)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A parallel branch may have pulled while this one waited.
            if (NodeMayBeAhead)
            {
                await PullHeldAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Before a step on the node: pushes when something here was said changed since the last push began.</summary>
    public async Task SendChangesAsync(Func<IReadOnlyList<string>, Task> removeOnNode, CancellationToken cancellationToken)
    {
        if (!ChangedSincePush)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ChangedSincePush)
            {
                await PushHeldAsync(removeOnNode, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool ChangedSincePush => Volatile.Read(ref _changesHere) != Volatile.Read(ref _pushedThrough);
}
