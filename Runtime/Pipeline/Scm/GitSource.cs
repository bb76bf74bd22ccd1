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
}
