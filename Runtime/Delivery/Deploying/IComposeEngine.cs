using System.Collections.Immutable;
using ContainerCd.Runtime.Delivery.Compose;

namespace ContainerCd.Runtime.Delivery.Deploying;

/// <summary>
/// What the deploy strategies need from the container engine, implemented over the Docker API in
/// <c>Runtime/Docker/Compose</c>. Every container it starts is labelled with its project, service, pool and
/// replica, which is how the strategies find what is deployed: nothing is kept in memory between steps.
/// </summary>
public interface IComposeEngine
{
    /// <summary>The image each service runs (built from its <c>build:</c> context when it has one), by digest or image id.</summary>
    Task<ImmutableDictionary<string, string>> PrepareImagesAsync(ComposeFile file, string templateDirectory, Action<string> log, CancellationToken cancellationToken);

    /// <summary>Creates the project's networks and named volumes that do not exist yet.</summary>
    Task EnsureProjectAsync(string project, ComposeFile file, CancellationToken cancellationToken);

    /// <summary>Creates and starts one replica of a service in a pool (not waiting for it to be healthy).</summary>
    Task<DeployedContainer> StartAsync(string project, ComposeFile file, ComposeService service, ReplicaSlot slot, string image, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for Docker's own healthcheck of the container to pass (running is enough without one); false, with the
    /// reason, when it turns unhealthy, exits, or <paramref name="timeout"/> passes.
    /// </summary>
    Task<HealthWait> WaitHealthyAsync(DeployedContainer container, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Watches a healthy container for <paramref name="window"/> (a rolling update's <c>monitor</c>): false, with the
    /// reason, as soon as it turns unhealthy, exits or is removed; true when the window passes without that.
    /// </summary>
    Task<HealthWait> MonitorAsync(DeployedContainer container, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The project's containers, from their labels.</summary>
    Task<IReadOnlyList<DeployedContainer>> ListAsync(string project, CancellationToken cancellationToken);

    /// <summary>Stops a container and keeps it (a rolling update's old replica, started again by a rollback).</summary>
    Task StopAsync(DeployedContainer container, CancellationToken cancellationToken);

    /// <summary>Starts a stopped container again (not waiting for it to be healthy); its address may have changed.</summary>
    Task<DeployedContainer> RestartAsync(DeployedContainer container, CancellationToken cancellationToken);

    /// <summary>Stops and removes a container (gone already is fine).</summary>
    Task RemoveAsync(DeployedContainer container, CancellationToken cancellationToken);

    /// <summary>Removes the project's networks (after its containers); named volumes stay, as with <c>docker compose down</c>.</summary>
    Task RemoveNetworksAsync(string project, CancellationToken cancellationToken);
}

/// <summary>Where a replica goes: its pool (colour), its number in the pool, and the deployment generation it belongs to.</summary>
public sealed record ReplicaSlot(string Pool, int Replica, long Generation);

/// <summary>A deployed container as its labels describe it; <see cref="Address"/> is its IP on the service's first network (null while stopped).</summary>
public sealed record DeployedContainer(
    string Id,
    string Name,
    string Project,
    string Service,
    string Pool,
    int Replica,
    long Generation,
    string Image,
    string? Address,
    bool Running = true);

/// <summary>The outcome of waiting for a container's health.</summary>
public sealed record HealthWait(bool Healthy, string Detail);
