namespace ContainerCd.Runtime.Delivery.Compose;

/// <summary><c>deploy:</c>: how many replicas, and how an update (and its rollback) replaces them.</summary>
public sealed record DeployConfig(int Replicas, UpdateConfig Update, UpdateConfig Rollback)
{
    public static DeployConfig Default { get; } = new(1, UpdateConfig.Default, UpdateConfig.Default);
}

public enum UpdateOrder
{
    /// <summary>The old replica is drained and stopped before its replacement starts (Compose's default).</summary>
    StopFirst,

    /// <summary>The new replica starts and is healthy before the old one is drained and stopped.</summary>
    StartFirst,
}

public enum FailureAction
{
    /// <summary>The update stops where it failed; the step fails.</summary>
    Pause,

    /// <summary>The replicas already replaced go back to the old version; the step fails.</summary>
    Rollback,
}

/// <summary>
/// <c>update_config</c> / <c>rollback_config</c>: <see cref="Parallelism"/> replicas at a time, <see cref="Delay"/>
/// between batches, each new replica watched for <see cref="Monitor"/> after it is healthy.
/// </summary>
public sealed record UpdateConfig(int Parallelism, TimeSpan Delay, UpdateOrder Order, FailureAction FailureAction, TimeSpan Monitor)
{
    public static UpdateConfig Default { get; } = new(1, TimeSpan.Zero, UpdateOrder.StopFirst, FailureAction.Pause, TimeSpan.Zero);
}
