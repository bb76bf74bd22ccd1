namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// The dynamic context of the code running now, like a CPS thread's context in Jenkins: which
/// cancellation scope applies, and (added by the engine) the environment overlays of
/// <c>withEnv</c>/<c>environment {}</c>, the agent and workspace, the current directory and the stage.
/// Immutable: block steps run their body with a modified copy.
/// </summary>
public sealed partial record FlowContext
{
    public required CancellationScope Cancellation { get; init; }

    public CancellationToken CancellationToken => Cancellation.Token;

    public static FlowContext Create(CancellationScope cancellation) => new() { Cancellation = cancellation };
}
