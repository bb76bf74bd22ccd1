using System.Collections.Immutable;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Docker.Tests.Delivery;

internal sealed class RecordingReport : IDeploymentReport
{
    public List<string> Lines { get; } = [];

    public List<(DeploymentPhase Phase, ImmutableDictionary<string, int> Weights, ImmutableDictionary<string, string> Images, string? Message)> Events { get; } = [];

    /// <summary>Called with each line as the deployer logs it, before the deployer goes on (a test acts at a precise point of a rollout).</summary>
    public Action<string>? Observer { get; set; }

    public void Log(string line)
    {
        lock (Lines)
        {
            Lines.Add(line);
        }

        Observer?.Invoke(line);
    }

    public void Emit(DeploymentPhase phase, string project, string strategy, ImmutableDictionary<string, int> weights, ImmutableDictionary<string, string> images, string? message)
    {
        lock (Events)
        {
            Events.Add((phase, weights, images, message));
        }
    }
}
