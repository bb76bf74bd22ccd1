using ContainerCd.Server.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace ContainerCd.Server.Live;

/// <summary>
/// Sends each deployment event, once it is stored, to the hub group of its project (<c>deployments:PROJECT</c>), which
/// the Deployments page joins: it then reads the project's records again.
/// </summary>
internal sealed class DeploymentFeed : IDisposable
{
    private readonly IHubContext<BuildHub, IBuildClient> _hub;
    private readonly StoreWriter _storeWriter;

    public DeploymentFeed(IHubContext<BuildHub, IBuildClient> hub, StoreWriter storeWriter)
    {
        _hub = hub;
        _storeWriter = storeWriter;
        _storeWriter.Stored += OnStored;
    }

    public static string Group(string project) => "deployments:" + project;

    public void Dispose() => _storeWriter.Stored -= OnStored;

    private void OnStored(string job, int number, BuildEventDto dto)
    {
        if (dto is DeploymentDto deployment)
        {
            // Fire and forget: a client that went away must not hold up the store writer.
            _ = _hub.Clients.Group(Group(deployment.Project)).Deployment(deployment);
        }
    }
}
