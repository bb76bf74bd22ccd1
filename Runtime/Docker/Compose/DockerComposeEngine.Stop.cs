using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Delivery.Deploying;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Compose;

/// <summary>A rolling update's old replicas: stopped and kept, started again by a rollback.</summary>
public sealed partial class DockerComposeEngine
{
    public async Task StopAsync(DeployedContainer container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            await _client.Containers.StopContainerAsync(container.Id, new ContainerStopParameters { WaitBeforeKillSeconds = 10 }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    public async Task<DeployedContainer> RestartAsync(DeployedContainer container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            await _client.Containers.StartContainerAsync(container.Id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw new AgentStartException($"Cannot start {container.Name} again: {e.ResponseBody?.Trim() ?? e.Message}", e);
        }

        return await InspectAsync(container.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentStartException($"Container {container.Name} vanished as soon as it started again");
    }
}
