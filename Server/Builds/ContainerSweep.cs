using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Ownership;

namespace ContainerCd.Server.Builds;

/// <summary>
/// After a restart that aborted builds, removes the Docker resources that killed containercd processes
/// left behind, through the Docker provider's janitor (resources of live processes stay).
/// </summary>
internal static class ContainerSweep
{
    /// <summary>A one-line report of what was removed, or why nothing could be.</summary>
    public static async Task<string?> SweepDeadOwnersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var engine = DockerEngine.Create();
            await engine.EnsureReachableAsync(cancellationToken).ConfigureAwait(false);
            var removed = await new ResourceJanitor(engine).SweepDeadOwnersAsync(cancellationToken).ConfigureAwait(false);
            return $"removed what the previous server left in Docker: {removed.Containers} containers, {removed.Networks} networks, {removed.Volumes} volumes";
        }
#pragma warning disable CA1031 // No Docker engine is a normal case here: there is then nothing to sweep.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return "no Docker sweep: " + exception.Message;
        }
    }
}
