namespace ContainerCd.Runtime.Docker.Ownership;

/// <summary>
/// The labels containercd puts on everything it creates in Docker. <see cref="Owner"/> (an
/// <see cref="OwnerIdentity"/>) marks what a sweep may remove once its process is gone; images that
/// are caches (Dockerfile agents, base images) carry <see cref="Managed"/> but no owner and stay, and images
/// steps build are not labelled at all: as in Jenkins, a build leaves images alone.
/// </summary>
internal static class ResourceLabels
{
    public const string Managed = "io.containercd.managed";
    public const string Owner = "io.containercd.owner";
    public const string Build = "io.containercd.build";
    public const string Job = "io.containercd.job";
    public const string Scope = "io.containercd.scope";
    public const string Role = "io.containercd.role";
    public const string InputHash = "io.containercd.input-hash";

    /// <summary>The <see cref="Role"/> of an agent's own container.</summary>
    public const string AgentRole = "agent";

    /// <summary>The <see cref="Role"/> of a remote node's workspace volume.</summary>
    public const string WorkspaceRole = "workspace";

    /// <summary>The <see cref="Role"/> of what steps start: <c>image.run</c>, and <c>docker run</c> through the pass-through.</summary>
    public const string StepRole = "step";

    /// <summary>The <see cref="Role"/> of an isolated engine's container and socket volume (<c>docker: isolated</c>).</summary>
    public const string EngineRole = "engine";

    /// <summary>The <see cref="Role"/> of a job's isolated-engine layer cache volume (<c>cache: true</c>): owned by no process, kept.</summary>
    public const string EngineCacheRole = "engine-cache";

    /// <summary>
    /// The <see cref="Role"/> of an isolated-engine template image (base images loaded, made once per host) and of
    /// the container that makes it (owned by its process while it runs).
    /// </summary>
    public const string EngineTemplateRole = "engine-template";

    /// <summary>Labels for a resource owned by one agent scope of one build of this process.</summary>
    public static Dictionary<string, string> ForScope(string resourceScope, string job, string scopeId, string role) => new(StringComparer.Ordinal)
    {
        [Managed] = "true",
        [Owner] = OwnerIdentity.Current.ToString(),
        [Build] = resourceScope,
        [Job] = job,
        [Scope] = scopeId,
        [Role] = role,
    };
}
