using ContainerCd.Runtime.Docker.Ownership;

namespace ContainerCd.Runtime.Docker.Compose;

/// <summary>
/// The labels of deployed containers and of their networks and volumes. They carry <see cref="ResourceLabels.Managed"/>
/// but, unlike agents, no owner, build or scope label: a deployment outlives the build that made it, so neither the
/// janitor at a build's end nor the sweep of dead owners at start-up may remove it.
/// </summary>
internal static class ComposeLabels
{
    public const string Project = "io.containercd.compose.project";
    public const string Service = "io.containercd.compose.service";
    public const string Pool = "io.containercd.compose.pool";
    public const string Replica = "io.containercd.compose.replica";
    public const string Generation = "io.containercd.compose.generation";
    public const string Image = "io.containercd.compose.image";
    public const string Network = "io.containercd.compose.network";
    public const string Volume = "io.containercd.compose.volume";

    /// <summary>The <see cref="ResourceLabels.Role"/> of deployed resources.</summary>
    public const string DeploymentRole = "deployment";

    public static Dictionary<string, string> ForProject(string project) => new(StringComparer.Ordinal)
    {
        [ResourceLabels.Managed] = "true",
        [ResourceLabels.Role] = DeploymentRole,
        [Project] = project,
    };
}
