namespace ContainerCd.Server.Jobs;

/// <summary>
/// A job the server can build: its name (used in URLs; a multibranch child's is <c>parent/branch</c> with the branch
/// URL-encoded once, as Jenkins names it) and its Jenkinsfile: a file on disk, or, for a job that lives in a
/// repository (<see cref="Repository"/>), the script path read from the commit being built.
/// </summary>
internal sealed record JobDefinition(string Name, string JenkinsfilePath, string Source)
{
    /// <summary>The repository the job builds from (its Jenkinsfile is read there), or null for a Jenkinsfile on disk.</summary>
    public JobRepository? Repository { get; init; }

    /// <summary>For a multibranch job's child: the branch (or tag) it builds, whether it is the primary one, whether it was retired.</summary>
    public BranchHead? Branch { get; init; }

    /// <summary>A multibranch job: a folder of children, one per branch, that is scanned rather than built.</summary>
    public bool IsMultibranch => Repository is { Multibranch: true } && Branch is null;

    /// <summary>Whether builds may start: not a multibranch folder, not a retired child (Jenkins' orphaned item, kept read-only).</summary>
    public bool Buildable => !IsMultibranch && Branch is not { Retired: true };
}
