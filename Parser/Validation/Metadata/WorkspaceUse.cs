namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>
/// What a step does with the workspace's files on this machine (the server's side of a node). A remote node's workspace
/// is mirrored here and brought level only when this side needs it: before a step that reads or writes the files here,
/// and a step on the node sends first what a writer here may have changed.
/// </summary>
public enum WorkspaceUse
{
    /// <summary>Reads and may write the files here (writeFile, unstash, checkout...); also what a step not declared otherwise is taken to do.</summary>
    ReadsAndWrites,

    /// <summary>Reads the files here and writes none (readFile, stash, archiveArtifacts, junit...).</summary>
    Reads,

    /// <summary>Touches no file of the workspace here (echo, withEnv, timeout, script...): a block step's body steps say for themselves.</summary>
    None,

    /// <summary>Runs in the node's own shell (<c>sh</c>), where the files are.</summary>
    NodeShell,
}
