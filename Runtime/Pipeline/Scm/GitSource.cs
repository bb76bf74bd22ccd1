namespace ContainerCd.Runtime.Pipeline.Scm;

/// <summary>
/// Where a build's Jenkinsfile came from when it came from a repository (<c>containercd run --repo</c>, a
/// repository job): the remote, the branch, the exact commit the Jenkinsfile was read from, the credential to
/// fetch with and the script path. <c>scm</c> is then this repository's GitSCM, and Declarative's automatic
/// checkout (and <c>checkout scm</c>) check out exactly <see cref="Commit"/>.
/// </summary>
public sealed record GitSource(string Url, string Branch, string Commit)
{
    public string? CredentialsId { get; init; }

    public string ScriptPath { get; init; } = "Jenkinsfile";

    /// <summary>Whether a multibranch job's branch source gave it (Jenkins' SCMBinder) rather than a pipeline job's own SCM.</summary>
    public bool FromBranchSource { get; init; }

    /// <summary>
    /// The line Jenkins prints before the pipeline starts: a pipeline job from SCM (CpsScmFlowDefinition) names the
    /// SCM's key, <c>Obtained Jenkinsfile from git URL</c>; a multibranch branch (SCMBinder) names the revision,
    /// <c>Obtained Jenkinsfile from SHA1</c>.
    /// </summary>
    public string ObtainedLine => FromBranchSource ? $"Obtained {ScriptPath} from {Commit}" : $"Obtained {ScriptPath} from git {Url}";
}
