namespace ContainerCd.Runtime.Agents;

/// <summary>
/// An agent whose workspace folder on this machine is a mirror of one elsewhere (a remote node's volume), brought level
/// only when a side needs what the other may have changed, as Jenkins moves an agent's files only when a step on the
/// controller asks for them: a step on the node first sends what was said to have changed here, and after it the node
/// may be ahead until something here levels the mirror. The step dispatch does both (see
/// <see cref="Parser.Validation.Metadata.WorkspaceUse"/>), and the end of the agent's scope levels it a last time.
/// </summary>
public interface IMirroredWorkspace
{
    /// <summary>
    /// Brings the folder here level with the node's workspace (what steps there changed since the last time comes here);
    /// nothing to do when no step ran there since. A node that does not answer fails it with an
    /// <see cref="AgentLostException"/> naming the node, its reason also written to <paramref name="output"/>.
    /// </summary>
    ValueTask LevelAsync(IShellOutput output, CancellationToken cancellationToken = default);

    /// <summary>Says that something here may have changed the folder: the next step on the node sends what changed first.</summary>
    void ChangedHere();
}
