using ContainerCd.Runtime.Tests.Scm;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// Repository jobs on <c>ssh://</c> remotes, against a real OpenSSH server the test starts (<see cref="SshGitServer"/>)
/// serving a real bare repository, with <c>sshUserPrivateKey</c> credentials of the config.
/// </summary>
public sealed class SshRepositoryTests : RepositoryServerTest
{

    [Fact]
    public async Task SshRemote_KeyCredential_BuildsThePushedCommit_AWrongKeyOrAChangedHostKeyFailsWithGitsReason()
    {
        Assert.True(SshGitServer.Installed, "openssh-server is not installed: run .ci/setup.sh");
        await using var sshd = await SshGitServer.StartAsync();
        var wrongKey = sshd.NewClientKey("stranger");
        var head = Repository.Commit("over ssh", ("Jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo \"COMMIT=${env.GIT_COMMIT}\"; sh 'git log -1 --format=SUBJECT=%s' } } } }"));
        Repository.Push();
        var url = sshd.UrlOf(Repository.Bare);
        await StartServerAsync($"""
            credentials:
              - id: git-key
                type: sshUserPrivateKey
                username: root
                privateKey: |
            {Indent(sshd.ClientKey)}
              - id: wrong-key
                type: sshUserPrivateKey
                username: root
                privateKey: |
            {Indent(wrongKey)}
            jobs:
              app:
                repository: {url}
                credentialsId: git-key
              wrong:
                repository: {url}
                credentialsId: wrong-key

            """);

        // When the job with the accepted key is built
        var built = await Server.TriggerAsync("app");

        // Then it reads its Jenkinsfile over ssh and checks out the pushed commit
        Assert.Equal("SUCCESS", await WaitResultAsync("app", built));
        var log = await Server.Http.GetStringAsync($"job/app/{built}/consoleText", Token);
        Assert.Contains($"Obtained Jenkinsfile from git {url}\n", log, StringComparison.Ordinal);
        Assert.Contains("COMMIT=" + head, log, StringComparison.Ordinal);
        Assert.Contains("SUBJECT=over ssh", log, StringComparison.Ordinal);
        Assert.Single(await File.ReadAllLinesAsync(Path.Combine(Home, "git", "known_hosts"), Token), l => l.Contains(" ssh-ed25519 ", StringComparison.Ordinal)); // its host key, remembered on first use

        // When the job with a key the server does not accept is built
        var refused = await Server.TriggerAsync("wrong");

        // Then it fails with ssh's and git's reason, and no key material reaches the log
        Assert.Equal("FAILURE", await WaitResultAsync("wrong", refused));
        var refusedLog = await Server.Http.GetStringAsync($"job/wrong/{refused}/consoleText", Token);
        Assert.Contains("Permission denied (publickey)", refusedLog, StringComparison.Ordinal);
        Assert.Contains("fatal: Could not read from remote repository.", refusedLog, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", refusedLog + log, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyBody(wrongKey), refusedLog, StringComparison.Ordinal);

        // When the server comes back with another host key (what a man in the middle would show)
        await sshd.ChangeHostKeyAsync();
        var changed = await Server.TriggerAsync("app");

        // Then the remembered host key is checked and the build refused
        Assert.Equal("FAILURE", await WaitResultAsync("app", changed));
        Assert.Contains("Host key verification failed.", await Server.Http.GetStringAsync($"job/app/{changed}/consoleText", Token), StringComparison.Ordinal);
    }

    private static string Indent(string key) =>
        string.Join('\n', key.TrimEnd('\n').Split('\n').Select(line => "          " + line));

    /// <summary>The first line of the key's base64 body.</summary>
    private static string KeyBody(string key) => key.Split('\n')[1];
}
