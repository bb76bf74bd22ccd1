using System.Collections.Immutable;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Delivery.Steps;

/// <summary>A delivery step's progress lines go to its console log, its changes to the build's events as <see cref="DeploymentEvent"/>s.</summary>
internal sealed class StepDeploymentReport(StepContext context) : IDeploymentReport
{
    public void Log(string line) => context.Log(line);

    public void Emit(DeploymentPhase phase, string project, string strategy, ImmutableDictionary<string, int> weights, ImmutableDictionary<string, string> images, string? message) =>
        context.Build.Sink.Deployment(context.Flow.Stage?.Id, project, phase, strategy, weights, images, message);
}
