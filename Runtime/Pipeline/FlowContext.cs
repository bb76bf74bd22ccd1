using System.Collections.Immutable;
using ContainerCd.Runtime.Pipeline.Environment;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// The dynamic context of the code running now, like a CPS thread's context in Jenkins: the build,
/// which cancellation scope applies, the environment overlays of <c>withEnv</c> and
/// <c>environment {}</c>, the node (agent and workspace), the current directory, the stage and the
/// step whose output goes where. Immutable: block steps run their body with a modified copy.
/// </summary>
public sealed record FlowContext
{
    public required CancellationScope Cancellation { get; init; }

    public CancellationToken CancellationToken => Cancellation.Token;

    /// <summary>The build this code belongs to; null only for bare interpreter use (tests).</summary>
    public BuildContext? Build { get; init; }

    public EnvLayer? Environment { get; init; }

    public NodeContext? Node { get; init; }

    /// <summary>The current directory (absolute); null means the node's workspace.</summary>
    public string? Directory { get; init; }

    public StageRun? Stage { get; init; }

    public string? StepId { get; init; }

    /// <summary>True inside a declarative stage's steps, where a missing node gets the "agent none" message.</summary>
    public bool InDeclarative { get; init; }

    /// <summary>Inside <c>timestamps { }</c> (or the option): each line of step output starts with its time, as Timestamper writes it.</summary>
    public bool Timestamps { get; init; }

    /// <summary>Called with each piece of output in this flow (the timeout step's activity watch).</summary>
    public ImmutableArray<Action> ActivityListeners { get; init; } = [];

    /// <summary>
    /// Variables that read as null when undefined instead of failing: in environment {} values Jenkins turns
    /// plain references into env lookups (not the receivers of method calls).
    /// </summary>
    public IReadOnlySet<object>? LenientVariables { get; init; }

    public string? WorkingDirectory => Directory ?? Node?.Workspace;

    public static FlowContext Create(CancellationScope cancellation) => new() { Cancellation = cancellation };

    public FlowContext WithEnvironment(IReadOnlyDictionary<string, string> values) =>
        values.Count == 0 ? this : this with { Environment = new EnvLayer(Environment, values.ToImmutableDictionary(StringComparer.Ordinal)) };
}
