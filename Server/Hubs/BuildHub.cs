using ContainerCd.Server.Live;
using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.SignalR;

namespace ContainerCd.Server.Hubs;

/// <summary>
/// <c>/hubs/builds</c>: follow builds live. <see cref="SubscribeBuild"/> sends a build's events from a
/// sequence number (the backlog, then live); <see cref="SubscribeJob"/> follows every build of a job;
/// <see cref="SubscribeDeployments"/> follows the deployments of a Compose project.
/// The events arrive through <see cref="IBuildClient"/>. See docs/hub.md.
/// </summary>
internal sealed class BuildHub(SubscriptionManager subscriptions, Api.ServerContext server) : Hub<IBuildClient>
{
    /// <summary>
    /// Starts sending the events of <paramref name="buildId"/> (<c>job/number</c>) with a sequence number of
    /// at least <paramref name="fromSequence"/> (1 for everything). Resubscribing to the same build
    /// replaces the previous subscription.
    /// </summary>
    public SubscriptionInfo SubscribeBuild(string buildId, long fromSequence)
    {
        if (!BuildIds.TryParse(buildId, out var job, out var number) || server.Build(job, number) is not { } build)
        {
            throw new HubException($"No such build: '{buildId}'.");
        }

        subscriptions.SubscribeBuild(Context.ConnectionId, buildId, fromSequence);
        return new SubscriptionInfo(build.BuildId, build.Job, build.Number, build.Status, build.Result, build.LastSequence);
    }

    /// <summary>Follows every build of <paramref name="job"/>: those queued or running now from their first event, and each new one. Returns the ids followed now.</summary>
    public IReadOnlyList<string> SubscribeJob(string job) => subscriptions.SubscribeJob(Context.ConnectionId, job);

    public void Unsubscribe(string buildId) => subscriptions.Unsubscribe(Context.ConnectionId, buildId);

    public void UnsubscribeJob(string job) => subscriptions.UnsubscribeJob(Context.ConnectionId, job);

#pragma warning disable VSTHRD200 // The names are the hub protocol's method names, which clients invoke.
    /// <summary>Sends each deployment event of <paramref name="project"/> once it is stored (the Deployments page reads the record again then).</summary>
    public Task SubscribeDeployments(string project) => Groups.AddToGroupAsync(Context.ConnectionId, DeploymentFeed.Group(project));

    public Task UnsubscribeDeployments(string project) => Groups.RemoveFromGroupAsync(Context.ConnectionId, DeploymentFeed.Group(project));
#pragma warning restore VSTHRD200

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>What <see cref="BuildHub.SubscribeBuild"/> answers: the build as stored when the subscription began.</summary>
public sealed record SubscriptionInfo(string BuildId, string Job, int Number, string Status, string? Result, long LastSequence);
