using System.Collections.Immutable;
using ContainerCd.Router.Client;
using ContainerCd.Runtime.Docker.Pipeline;
using ContainerCd.Runtime.Pipeline;

namespace ContainerCd.Server.Builds;

/// <summary>
/// The one place where <c>run</c> and <c>serve</c> choose what their builds get beyond the core steps: the Docker
/// Pipeline globals when Docker is there, and the home's router (started on demand) for the delivery steps.
/// </summary>
internal static class BuildExtensions
{
    public static ImmutableArray<IPipelineExtension> For(string home, bool docker)
    {
        ArgumentNullException.ThrowIfNull(home);
        return docker ? [DockerPipelineExtension.Instance] : [];
    }

    /// <summary>The client of <paramref name="home"/>'s router; it starts <c>containercd-server router</c> from this folder when none runs. The caller disposes it.</summary>
    public static RouterClient Router(string home) => RouterClient.ForHome(home, RouterLauncher.NextTo(AppContext.BaseDirectory));
}
