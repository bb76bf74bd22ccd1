using System.Collections.Concurrent;
using System.Collections.Immutable;
using ContainerCd.Router.Client;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Delivery.Steps;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Compose;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Pipeline;
using ContainerCd.Runtime.Pipeline;

namespace ContainerCd.Server.Builds;

/// <summary>
/// The one place where <c>run</c> and <c>serve</c> choose what their builds get beyond the core steps: the Docker
/// Pipeline globals when Docker is there, and the home's router (started on demand) for the delivery steps.
/// </summary>
internal static class BuildExtensions
{
    // One per home for the process's life: the router client and the engine client are reused by every build.
    private static readonly ConcurrentDictionary<string, DeliveryPipelineExtension> Deliveries = new(StringComparer.Ordinal);

    /// <summary>The extensions of a build with these agent providers: Docker's when the host engine's provider is one of them.</summary>
    public static ImmutableArray<IPipelineExtension> For(string home, ImmutableArray<IAgentProvider> agents)
    {
        ArgumentNullException.ThrowIfNull(home);
        return agents.OfType<DockerAgentProvider>().Any() ? [DockerPipelineExtension.Instance, Delivery(home)] : [];
    }

    /// <summary>The client of <paramref name="home"/>'s router; it starts <c>containercd-server router</c> from this folder when none runs. The caller disposes it.</summary>
    public static RouterClient Router(string home) => RouterClient.ForHome(home, RouterLauncher.NextTo(AppContext.BaseDirectory));

    /// <summary>The delivery steps (composeDeploy, promote...) on the Docker engine and the home's router.</summary>
    private static DeliveryPipelineExtension Delivery(string home) =>
        Deliveries.GetOrAdd(Path.GetFullPath(home), full => new DeliveryPipelineExtension(new DockerComposeEngine(DockerEngine.Create(), TimeProvider.System), Router(full)));
}
