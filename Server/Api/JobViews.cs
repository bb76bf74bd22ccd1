using ContainerCd.Server.Jobs;

namespace ContainerCd.Server.Api;

/// <summary>How the REST API shows where a job comes from: its repository (URL, branch, script path, multibranch) and a multibranch job's children.</summary>
internal static class JobViews
{
    public static RepositoryView? Repository(JobDefinition job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Repository is not { } repository ? null : new RepositoryView(
            repository.Url,
            repository.Branch,
            repository.ScriptPath,
            job.IsMultibranch,
            job.Branch is { } head ? head.Kind.ToString().ToLowerInvariant() : null,
            job.Branch?.Primary,
            job.Branch?.Retired);
    }

    public static JobChildView Child(JobDefinition child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return new JobChildView(
            child.Name,
            child.Branch!.RefName,
            child.Branch.Kind.ToString().ToLowerInvariant(),
            child.Branch.Primary,
            child.Branch.Retired,
            JenkinsJobPaths.Url(child.Name));
    }
}

/// <summary><c>GET /api/jobs/J</c>: a job, where its Jenkinsfile comes from, and a multibranch job's children (null for others).</summary>
internal sealed record JobResponse(
    string Name, string Jenkinsfile, string Source, string Url, RepositoryView? Repository, IReadOnlyList<JobChildView>? Children);

/// <summary>A job in <c>GET /api/jobs</c>: as <see cref="JobResponse"/>, with its latest build (null before the first).</summary>
internal sealed record JobSummaryResponse(
    string Name, string Jenkinsfile, string Source, string Url, RepositoryView? Repository, IReadOnlyList<JobChildView>? Children, BuildSummaryResponse? LastBuild);

/// <summary><c>PUT /api/jobs/J</c>: the job defined.</summary>
internal sealed record JobDefinedResponse(string Name, string Url, string Source, RepositoryView? Repository);

/// <summary>A repository job's repository; <c>kind</c>, <c>primary</c> and <c>retired</c> are a multibranch child's (null for others).</summary>
internal sealed record RepositoryView(string Url, string? Branch, string ScriptPath, bool Multibranch, string? Kind, bool? Primary, bool? Retired);

/// <summary>A multibranch job's child: its branch, tag or change request.</summary>
internal sealed record JobChildView(string Name, string Branch, string Kind, bool Primary, bool Retired, string Url);
