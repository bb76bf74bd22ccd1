using System.Collections.Immutable;

namespace ContainerCd.Runtime.Scm;

/// <summary>
/// SSH remotes, through the git command line: a <c>sshUserPrivateKey</c> credential is written to a private
/// temporary file and given to ssh with <c>GIT_SSH_COMMAND</c> (its passphrase through <c>SSH_ASKPASS</c>), in
/// batch mode. Host keys follow Jenkins' git client "Accept first connection" strategy (its default is "Known hosts
/// file", which needs keys written beforehand): a new host's key is remembered in <c>HOME/git/known_hosts</c>, a
/// known host's checked, so a changed key fails the fetch with ssh's <c>Host key verification failed.</c>
/// </summary>
internal static class GitSsh
{
    public static async Task FetchAsync(string path, GitRemote remote, GitCredential? credential, ImmutableArray<string> specs, CancellationToken cancellationToken)
    {
        if (credential is { IsSshKey: false })
        {
            throw new GitException($"The credential '{credential.Id}' is not an SSH key, which {remote.Url} needs: use a sshUserPrivateKey credential for ssh remotes");
        }

        GitMirrors.EnsureBare(path);
        var secrets = Directory.CreateTempSubdirectory("containercd-ssh-");
        try
        {
            var environment = Environment(Path.GetDirectoryName(path)!, secrets.FullName, credential);
            var (exit, _, error) = await GitCommandLine.RunAsync(null, ["--git-dir=" + path, "fetch", "--prune", "--force", "--no-tags", "--", remote.FetchUrl, .. specs], environment, cancellationToken).ConfigureAwait(false);
            if (exit != 0)
            {
                throw new GitException(GitCommandLine.Reason(error));
            }

            var (listed, symref, _) = await GitCommandLine.RunAsync(null, ["--git-dir=" + path, "ls-remote", "--symref", "--", remote.FetchUrl, "HEAD"], environment, cancellationToken).ConfigureAwait(false);
            var head = symref.Split('\n').FirstOrDefault(l => l.StartsWith("ref: refs/heads/", StringComparison.Ordinal) && l.EndsWith("\tHEAD", StringComparison.Ordinal));
            if (listed == 0 && head is not null)
            {
                await GitCommandLine.RunAsync(null, ["--git-dir=" + path, "symbolic-ref", "HEAD", head["ref: ".Length..^"\tHEAD".Length]], null, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            secrets.Delete(recursive: true);
        }
    }

    private static ImmutableDictionary<string, string> Environment(string mirrors, string secrets, GitCredential? credential)
    {
        var command = "ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=" + Quote(Path.Combine(mirrors, "known_hosts"));
        var environment = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (credential is not null)
        {
            var key = SshKeyFiles.WriteKey(secrets, credential.PrivateKey!);
            command += " -o IdentitiesOnly=yes -i " + Quote(key);
            if (credential.Username is { Length: > 0 } user)
            {
                command += " -l " + Quote(user);
            }

            if (credential.Passphrase is { Length: > 0 } passphrase)
            {
                command = command.Replace("BatchMode=yes", "BatchMode=no", StringComparison.Ordinal);
                environment.AddRange(SshKeyFiles.AskpassEnvironment(secrets, passphrase));
            }
        }

        environment["GIT_SSH_COMMAND"] = command;
        return environment.ToImmutable();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
