using System.Collections.Immutable;

namespace ContainerCd.Parser.Validation.Metadata;

/// <summary>
/// One step, declared once for both sides: its parameters and whether it takes a block
/// (<see cref="Signature"/>, what lint checks), whether it needs a node, and whether
/// <c>containercd run</c> implements it. The runtime binds each implementation to its entry by name.
/// </summary>
public sealed record StepInfo(DescribableInfo Signature, StepSupport Support)
{
    public string Name => Signature.Name;

    /// <summary>True for a step that takes a body (<c>dir('x') { }</c>).</summary>
    public bool TakesBlock => Signature.TakesBlock;

    /// <summary>True for a step that needs a node (a workspace and an agent), as <c>sh</c> and <c>writeFile</c> do.</summary>
    public bool NeedsNode { get; init; }

    /// <summary>What it does with the workspace's files on this machine (when a remote node's mirror is brought level around it).</summary>
    public WorkspaceUse Workspace { get; init; }

    /// <summary>
    /// The runtime extension that implements the step (<c>docker</c>: present when containercd has a Docker
    /// engine), or null for a step of the core runtime.
    /// </summary>
    public string? Extension { get; init; }

    public bool Runs => Support == StepSupport.Runs;

    /// <summary>
    /// Parameters of a step run implements that it cannot honour, each with why: lint warns where one is
    /// given and run fails the step naming it (<see cref="Diagnostics.DiagnosticCatalog.UnsupportedParameterMessage"/>).
    /// A flag given as <c>false</c> asks for nothing and is accepted.
    /// </summary>
    public ImmutableDictionary<string, string> UnsupportedParameters { get; init; } = ImmutableDictionary<string, string>.Empty;
}
