using ContainerCd.Runtime.Docker.Engine;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Ownership;

/// <summary>
/// Removes labelled Docker resources: those of one scope or build when it ends, and at start-up those of
/// containercd processes that are gone (never those of a live process: see <see cref="OwnerIdentity"/>).
/// Containers go first (forced, with their anonymous volumes), then networks and volumes. Images stay, as
/// Jenkins leaves them: what a build tags (<c>docker build -t</c>, <c>docker.build</c>) is the user's.
/// </summary>
public sealed class ResourceJanitor(DockerEngine engine)
{
    private readonly DockerClient _client = engine.Client;

    /// <summary>What a removal pass did, for logs and tests.</summary>
    public sealed record Removed(int Containers, int Networks, int Volumes)
    {
        public int Total => Containers + Networks + Volumes;
    }

    public Task<Removed> RemoveBuildAsync(string resourceScope, CancellationToken cancellationToken = default) =>
        RemoveWhereAsync(ResourceLabels.Build, resourceScope, cancellationToken);

    /// <summary>What one agent scope created: containers, networks, volumes.</summary>
    public Task<Removed> RemoveScopeAsync(string scopeId, CancellationToken cancellationToken = default) =>
        RemoveWhereAsync(ResourceLabels.Scope, scopeId, cancellationToken);

    /// <summary>Everything this process owns (used when it is being stopped).</summary>
    public Task<Removed> RemoveOwnedByCurrentProcessAsync(CancellationToken cancellationToken = default) =>
        RemoveWhereAsync(ResourceLabels.Owner, OwnerIdentity.Current.ToString(), cancellationToken);

    /// <summary>Removes what killed containercd processes left behind; resources of live processes stay.</summary>
    public async Task<Removed> SweepDeadOwnersAsync(CancellationToken cancellationToken = default)
    {
        var me = OwnerIdentity.Current;
        var owners = new HashSet<string>(StringComparer.Ordinal);
        var containers = await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = Filter(ResourceLabels.Owner, null) }, cancellationToken).ConfigureAwait(false);
        owners.UnionWith(containers.Select(c => OwnerLabel(c.Labels)).OfType<string>());
        var networks = await _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = Filter(ResourceLabels.Owner, null) }, cancellationToken).ConfigureAwait(false);
        owners.UnionWith(networks.Select(n => OwnerLabel(n.Labels)).OfType<string>());
        var volumes = await _client.Volumes.ListAsync(new VolumesListParameters { Filters = Filter(ResourceLabels.Owner, null) }, cancellationToken).ConfigureAwait(false);
        owners.UnionWith((volumes.Volumes ?? []).Select(v => OwnerLabel(v.Labels)).OfType<string>());

        var total = new Removed(0, 0, 0);
        foreach (var owner in owners)
        {
            var identity = OwnerIdentity.Parse(owner);
            if (identity is null || identity == me || !identity.IsCertainlyDead(me))
            {
                continue;
            }

            var removed = await RemoveWhereAsync(ResourceLabels.Owner, owner, cancellationToken).ConfigureAwait(false);
            total = new Removed(total.Containers + removed.Containers, total.Networks + removed.Networks, total.Volumes + removed.Volumes);
        }

        return total;
    }

    internal async Task<Removed> RemoveWhereAsync(string label, string value, CancellationToken cancellationToken)
    {
        var filter = Filter(label, value);
        var containers = await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, cancellationToken).ConfigureAwait(false);
        var removedContainers = 0;
        foreach (var container in containers)
        {
            if (await RemoveContainerAsync(container.ID, cancellationToken).ConfigureAwait(false))
            {
                removedContainers++;
            }
        }

        var removedNetworks = 0;
        foreach (var network in await _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter }, cancellationToken).ConfigureAwait(false))
        {
            if (await TryAsync(() => _client.Networks.DeleteNetworkAsync(network.ID, cancellationToken)).ConfigureAwait(false))
            {
                removedNetworks++;
            }
        }

        var removedVolumes = 0;
        var volumes = await _client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }, cancellationToken).ConfigureAwait(false);
        foreach (var volume in volumes.Volumes ?? [])
        {
            if (await TryAsync(() => _client.Volumes.RemoveAsync(volume.Name, force: true, cancellationToken)).ConfigureAwait(false))
            {
                removedVolumes++;
            }
        }

        return new Removed(removedContainers, removedNetworks, removedVolumes);
    }

    /// <summary>Removes a container, or waits (bounded) for the auto-removal already under way: either way it is gone on return.</summary>
    private async Task<bool> RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // "removal ... is already in progress": an agent container whose main process ended removes itself.
            for (var attempt = 0; attempt < 100; attempt++)
            {
                try
                {
                    await _client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
                }
                catch (DockerContainerNotFoundException)
                {
                    return true;
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }
        catch (DockerApiException)
        {
            return false;
        }
    }

    private static async Task<bool> TryAsync(Func<Task> remove)
    {
        try
        {
            await remove().ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException)
        {
            // Already gone, or in use by something not ours: nothing more to do here.
            return false;
        }
    }

    private static string? OwnerLabel(IDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(ResourceLabels.Owner, out var owner) ? owner : null;

    private static Dictionary<string, IDictionary<string, bool>> Filter(string label, string? value) => new()
    {
        ["label"] = new Dictionary<string, bool> { [value is null ? label : $"{label}={value}"] = true },
    };
}
