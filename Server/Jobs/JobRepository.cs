using System.Collections.Immutable;

namespace ContainerCd.Server.Jobs;

/// <summary>
/// Where a repository job's pipeline lives (the config's <c>repository:</c> job): the remote's URL, the branch it
/// builds (null: the remote's default branch; a multibranch child: its own branch), the Jenkinsfile's path in the
/// repository, the credential to fetch with (usernamePassword for http(s), sshUserPrivateKey for ssh), the id of the
/// secret-text credential webhooks are signed with, and for a multibranch job what it discovers and how often it
/// scans (Jenkins' periodic folder trigger).
/// </summary>
internal sealed record JobRepository(string Url, string ScriptPath)
{
    public const string DefaultScriptPath = "Jenkinsfile";

    public string? Branch { get; init; }

    public string? CredentialsId { get; init; }

    public string? WebhookSecretId { get; init; }

    public bool Multibranch { get; init; }

    /// <summary>What a multibranch scan makes children of: <c>branches</c>, <c>tags</c> and/or <c>pullRequests</c>.</summary>
    public ImmutableArray<string> Discover { get; init; } = ["branches"];

    /// <summary>How often a multibranch job is scanned besides webhooks and on demand (null: only those).</summary>
    public TimeSpan? ScanInterval { get; init; }

    public bool DiscoversBranches => Discover.Contains("branches");

    public bool DiscoversTags => Discover.Contains("tags");

    /// <summary>Pull requests (<c>refs/pull/N/head</c>) and GitLab merge requests (<c>refs/merge-requests/N/head</c>).</summary>
    public bool DiscoversChangeRequests => Discover.Contains("pullRequests");
}
