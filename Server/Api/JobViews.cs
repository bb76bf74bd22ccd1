using ContainerCd.Server.Jobs;

namespace ContainerCd.Server.Api;

/// <summary>How the REST API shows where a job comes from: its repository (URL, branch, script path, multibranch) and a multibranch job's children.</summary>
internal static class JobViews
{
    public static object? Repository(JobDefinition job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Repository is not { } repository ? null : new
        {
            url = repository.Url,
            branch = repository.Branch,
            scriptPath = repository.ScriptPath,
            multibranch = job.IsMultibranch,
            kind = job.Branch is { } head ? head.Kind.ToString().ToLowerInvariant() : null,
            primary = job.Branch?.Primary,
            retired = job.Branch?.Retired,
        };
    }

    public static object Child(JobDefinition child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return new
        {
            name = child.Name,
            branch = child.Branch!.RefName,
            kind = child.Branch.Kind.ToString().ToLowerInvariant(),
            primary = child.Branch.Primary,
            retired = child.Branch.Retired,
            url = JenkinsJobPaths.Url(child.Name),
        };
    }
}
