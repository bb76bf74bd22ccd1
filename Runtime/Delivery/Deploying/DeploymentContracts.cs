using System.Collections.Immutable;
using ContainerCd.Runtime.Delivery.Routing;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Runtime.Delivery.Deploying;

/// <summary>How <c>composeDeploy</c> releases a new version.</summary>
public enum DeployStrategy
{
    /// <summary>Replicas replaced <c>parallelism</c> at a time per <c>update_config</c>.</summary>
    Rolling,

    /// <summary>The new colour beside the old one, all traffic switched once it is healthy; the old one kept until promote.</summary>
    BlueGreen,

    /// <summary>The new version at a share of the traffic (or for the requests an A-B match selects) until promote or rollback.</summary>
    Canary,
}

/// <summary>What a deploy is asked to do: the strategy, the canary's share, and an A-B match sending some requests to the new version.</summary>
public sealed record DeployRequest(string Project, DeployStrategy Strategy, int Weight, AbMatchRule? Match);

/// <summary>An A-B rule as the step gives it: requests whose header (or cookie) <see cref="Name"/> equals <see cref="Value"/> go to the new version.</summary>
public sealed record AbMatchRule(AbMatchKind Kind, string Name, string Value);

/// <summary>Where the deployer reports: progress lines for the console, and <see cref="DeploymentEvent"/>s.</summary>
public interface IDeploymentReport
{
    void Log(string line);

    void Emit(DeploymentPhase phase, string project, string strategy, ImmutableDictionary<string, int> weights, ImmutableDictionary<string, string> images, string? message);
}

/// <summary>A deployment step that cannot do what it was asked; its message is the step's error.</summary>
public sealed class DeploymentException : Exception
{
    public DeploymentException()
    {
    }

    public DeploymentException(string message)
        : base(message)
    {
    }

    public DeploymentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
