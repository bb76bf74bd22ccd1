using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Docker.Engine;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Compose;

/// <summary>
/// Applies Compose services to the Docker engine through its API: the project's networks (<c>PROJECT_KEY</c>) and
/// named volumes, and one container per replica named <c>PROJECT-SERVICE-POOL-N</c>, labelled per project, service,
/// pool and replica (<see cref="ComposeLabels"/>). No port is published by Docker: the router listens on the host
/// port and sends requests to the containers' addresses on the project network.
/// </summary>
public sealed partial class DockerComposeEngine(DockerEngine engine, TimeProvider time) : IComposeEngine
{
    private readonly DockerClient _client = engine.Client;

    public async Task EnsureProjectAsync(string project, ComposeFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var keys = file.Services.SelectMany(s => s.Networks.Select(n => n.Key)).Distinct(StringComparer.Ordinal);
        var existing = await _client.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken).ConfigureAwait(false);
        foreach (var key in keys)
        {
            var name = NetworkName(project, file, key);
            if (existing.Any(n => n.Name == name))
            {
                continue;
            }

            var labels = ComposeLabels.ForProject(project);
            labels[ComposeLabels.Network] = key;
            await _client.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = name, Driver = "bridge", Labels = labels }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var volume in file.Volumes)
        {
            var labels = ComposeLabels.ForProject(project);
            labels[ComposeLabels.Volume] = volume.Key;
            await _client.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume.Name ?? $"{project}_{volume.Key}", Driver = "local", Labels = labels }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<DeployedContainer> StartAsync(string project, ComposeFile file, ComposeService service, ReplicaSlot slot, string image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(slot);
        var name = $"{project}-{service.Name}-{slot.Pool}-{slot.Replica}";
        await RemoveByNameAsync(name, cancellationToken).ConfigureAwait(false);
        var parameters = ContainerParameters(project, file, service, slot, image, name);
        CreateContainerResponse created;
        try
        {
            created = await _client.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false);
            var first = service.Networks[0];
            foreach (var network in service.Networks.Skip(1))
            {
                await _client.Networks.ConnectNetworkAsync(NetworkName(project, file, network.Key), new NetworkConnectParameters
                {
                    Container = created.ID,
                    EndpointConfig = new EndpointSettings { Aliases = [service.Name, .. network.Aliases] },
                }, cancellationToken).ConfigureAwait(false);
            }

            await _client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw new AgentStartException($"Cannot start {name}: {e.ResponseBody?.Trim() ?? e.Message}", e);
        }

        return await InspectAsync(created.ID, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentStartException($"Container {name} vanished as soon as it started");
    }

    public async Task<HealthWait> WaitHealthyAsync(DeployedContainer container, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            if (await TryInspectAsync(container.Id, cancellationToken).ConfigureAwait(false) is not { } inspect)
            {
                return new HealthWait(false, $"{container.Name} is gone");
            }

            var state = inspect.State;
            if (Failure(container, inspect) is { } failure)
            {
                return new HealthWait(false, failure);
            }

            switch (state?.Health?.Status)
            {
                case null or "" or "none":
                    return new HealthWait(true, $"{container.Name} is running (no healthcheck)");
                case "healthy":
                    return new HealthWait(true, $"{container.Name} is healthy");
            }

            if (time.GetUtcNow() >= deadline)
            {
                return new HealthWait(false, string.Create(CultureInfo.InvariantCulture, $"{container.Name} was not healthy within {timeout.TotalSeconds:0.#} s"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<DeployedContainer>> ListAsync(string project, CancellationToken cancellationToken)
    {
        var listed = await _client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ComposeLabels.Project}={project}"] = true } },
        }, cancellationToken).ConfigureAwait(false);
        var result = new List<DeployedContainer>();
        foreach (var item in listed)
        {
            if (await InspectAsync(item.ID, cancellationToken).ConfigureAwait(false) is { } container)
            {
                result.Add(container);
            }
        }

        return [.. result.OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Pool, StringComparer.Ordinal).ThenBy(c => c.Replica)];
    }

    public async Task RemoveAsync(DeployedContainer container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            await _client.Containers.RemoveContainerAsync(container.Id, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Already being removed.
        }
    }

    public async Task RemoveNetworksAsync(string project, CancellationToken cancellationToken)
    {
        var networks = await _client.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ComposeLabels.Project}={project}"] = true } },
        }, cancellationToken).ConfigureAwait(false);
        foreach (var network in networks)
        {
            try
            {
                await _client.Networks.DeleteNetworkAsync(network.ID, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException)
            {
                // A network still in use by a container this project did not start stays.
            }
        }
    }

    /// <summary>The container's inspection, or null when it no longer exists.</summary>
    private async Task<ContainerInspectResponse?> TryInspectAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    private async Task<DeployedContainer?> InspectAsync(string id, CancellationToken cancellationToken)
    {
        if (await TryInspectAsync(id, cancellationToken).ConfigureAwait(false) is not { } inspect)
        {
            return null;
        }

        var labels = inspect.Config?.Labels ?? new Dictionary<string, string>();
        string Label(string key) => labels.TryGetValue(key, out var value) ? value : "";
        var networks = inspect.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>();
        var address = networks.Values.Select(n => n.IPAddress).FirstOrDefault(ip => !string.IsNullOrEmpty(ip));
        return new DeployedContainer(
            inspect.ID,
            (inspect.Name ?? "").TrimStart('/'),
            Label(ComposeLabels.Project),
            Label(ComposeLabels.Service),
            Label(ComposeLabels.Pool),
            int.TryParse(Label(ComposeLabels.Replica), CultureInfo.InvariantCulture, out var replica) ? replica : 0,
            long.TryParse(Label(ComposeLabels.Generation), CultureInfo.InvariantCulture, out var generation) ? generation : 0,
            Label(ComposeLabels.Image),
            address,
            inspect.State?.Running == true);
    }

    private async Task RemoveByNameAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    internal static string NetworkName(string project, ComposeFile file, string key) =>
        file.Networks.FirstOrDefault(n => n.Key == key)?.Name ?? $"{project}_{key}";

}
