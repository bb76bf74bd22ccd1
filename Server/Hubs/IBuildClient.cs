namespace ContainerCd.Server.Hubs;

/// <summary>
/// What the server calls on a connected client of <c>/hubs/builds</c>. For one subscription the calls
/// arrive in sequence order, with no gap and no duplicate; a <see cref="Log"/> message may cover several
/// sequence numbers (<c>sequence</c> to <c>lastSequence</c>).
/// </summary>
#pragma warning disable VSTHRD200 // The names are the hub protocol's method names, which clients register handlers for.
public interface IBuildClient
{
    Task BuildStarted(BuildStartedDto message);

    Task StageStarted(StageStartedDto message);

    Task StageFinished(StageFinishedDto message);

    Task StepStarted(StepStartedDto message);

    Task StepFinished(StepFinishedDto message);

    Task Log(LogDto message);

    Task TestReport(TestReportDto message);

    Task CoverageReport(CoverageReportDto message);

    Task InputRequested(InputRequestedDto message);

    Task InputAnswered(InputAnsweredDto message);

    Task BuildFinished(BuildFinishedDto message);

    /// <summary>A delivery step changed a deployment: to a build's subscribers, and to those of the project (<see cref="BuildHub.SubscribeDeployments"/>) once stored.</summary>
    Task Deployment(DeploymentDto message);

    /// <summary>The client fell too far behind: the subscription ended; subscribe again from <see cref="ResyncDto.FromSequence"/>.</summary>
    Task Resync(ResyncDto message);
}
