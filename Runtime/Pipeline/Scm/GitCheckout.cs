using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Pipeline.Files;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Scm;

namespace ContainerCd.Runtime.Pipeline.Scm;

/// <summary>
/// A git checkout into a folder of the workspace, as Jenkins' git plugin does it and words it: the remote's mirror
/// under the home is fetched (so the remote is cloned once per home), the branch specifier resolved (or the pinned
/// commit taken), the working copy made at that commit with libgit2, the revision and the changes since the
/// previous build of that branch recorded, and the variables returned. Whatever git cannot do fails the step with
/// git's reason; nothing falls back to copying a folder.
/// </summary>
internal static class GitCheckout
{
    public static async ValueTask<GroovyMap> RunAsync(BuildContext build, FlowContext flow, GitScmSpec spec, string target)
    {
        var node = flow.Node ?? throw StepErrors.MissingNode("checkout");
        if (spec.RelativeTargetDirectory is { Length: > 0 } relative)
        {
            var resolved = WorkspaceArea.ForWorkspace(node.Workspace).Resolve(target, relative);
            target = resolved.IsInside ? resolved.FullPath : throw StepErrors.Abort($"Cannot check out into {relative}: it is outside the workspace");
        }

        build.Log(flow, "The recommended git tool is: NONE");
        var credential = Credential(build, spec.CredentialsId);
        build.Log(flow, spec.CredentialsId is null ? "No credentials specified" : "using credential " + spec.CredentialsId);
        GitRemote remote;
        try
        {
            remote = GitRemote.Parse(spec.Url, build.Request.SourceDirectory);
        }
        catch (GitException e)
        {
            throw StepErrors.Abort(e.Message);
        }

        var fresh = !LibGit2Sharp.Repository.IsValid(target);
        if (fresh)
        {
            build.Log(flow, "Cloning the remote Git repository");
            build.Log(flow, "Cloning repository " + spec.Url);
        }
        else
        {
            build.Log(flow, "Fetching changes from the remote Git repository");
        }

        build.Log(flow, "Fetching upstream changes from " + spec.Url);
        var token = flow.CancellationToken;
        var mirror = await build.WhileWaitingAsync(async () =>
        {
            try
            {
                // A change request's ref (a multibranch PR child's scm) is fetched by name: it is no branch or tag.
                string[]? changeRef = GitChangeRequests.NameOf(spec.Branch) is null ? null : ["+" + spec.Branch + ":" + spec.Branch];
                return await new GitMirrors(build.Request.Home).FetchAsync(remote, credential, changeRef, token).ConfigureAwait(false);
            }
            catch (GitException e)
            {
                throw StepErrors.Abort($"Error {(fresh ? "cloning" : "fetching")} remote repo 'origin': {e.Message}");
            }
        }).ConfigureAwait(false);

        var (commit, branch, described) = Choose(mirror, spec);
        build.Log(flow, $"Checking out Revision {commit} ({described})");
        var localBranch = spec.LocalBranch is "**" ? branch : spec.LocalBranch;
        await build.WhileWaitingAsync(async () =>
        {
            try
            {
                await GitWorkingCopy.CheckoutAsync(new GitCheckoutOptions
                {
                    Directory = target,
                    Remote = remote,
                    Source = mirror.RepositoryPath,
                    Commit = commit,
                    LocalBranch = localBranch,
                    Clean = spec.Clean,
                    Depth = spec.Depth,
                    NoTags = spec.NoTags,
                    Reference = spec.Reference,
                    RefSpecs = GitChangeRequests.RefOf(branch) is { } changeRef ? ["+" + changeRef + ":refs/remotes/origin/" + branch] : [],
                }, token).ConfigureAwait(false);
            }
            catch (GitException e)
            {
                throw StepErrors.Abort($"Could not check out {commit}: {e.Message}");
            }
        }).ConfigureAwait(false);

        var info = mirror.GetCommit(commit)!;
        build.Log(flow, $"Commit message: \"{info.Subject}\"");
        var (previous, previousSuccessful) = await PreviousAsync(build, remote, branch).ConfigureAwait(false);
        var changes = spec.Changelog ? Changes(build, flow, mirror, previous, commit) : null;
        build.Scm.Record(new ScmRevision(remote.Normalized, branch, commit), changes);
        return ScmVariables.For(info, spec.Url, described.StartsWith("refs/remotes/", StringComparison.Ordinal) ? described["refs/remotes/".Length..] : described, localBranch, previous, previousSuccessful);
    }

    /// <summary>The config's credential for a fetch: usernamePassword (http) or sshUserPrivateKey (ssh).</summary>
    public static GitCredential? Credential(BuildContext build, string? id)
    {
        if (id is null)
        {
            return null;
        }

        var credential = build.Request.Config.Credentials.FirstOrDefault(c => c.Id == id)
            ?? throw StepErrors.Abort($"CredentialId \"{id}\" could not be found: declare it under credentials: in the config file");
        return credential.Type switch
        {
            "usernamePassword" => new GitCredential(id, credential.Username, credential.Password),
            "sshUserPrivateKey" => new GitCredential(id, credential.Username, null, credential.PrivateKey ?? string.Empty, credential.Passphrase),
            _ => throw StepErrors.Abort($"The credential '{id}' is a {credential.Type} credential: git needs usernamePassword (http) or sshUserPrivateKey (ssh)"),
        };
    }

    /// <summary>The commits of the previous build and of the previous successful build of this repository and branch.</summary>
    public static async ValueTask<(string? Previous, string? PreviousSuccessful)> PreviousAsync(BuildContext build, GitRemote remote, string branch)
    {
        var history = build.Request.History;
        var previous = await history.GetLastBuiltCommitAsync(build.Job, build.Number, remote.Normalized, branch, false, build.Root.Token).ConfigureAwait(false);
        var successful = await history.GetLastBuiltCommitAsync(build.Job, build.Number, remote.Normalized, branch, true, build.Root.Token).ConfigureAwait(false);
        return (previous, successful);
    }

    /// <summary>The changes since the previous build's commit (none for a first build, as Jenkins says).</summary>
    public static IReadOnlyList<GitCommitInfo>? Changes(BuildContext build, FlowContext flow, GitReader repository, string? previous, string commit)
    {
        if (previous is null)
        {
            build.Log(flow, "First time build. Skipping changelog.");
            return null;
        }

        var changes = repository.CommitsBetween(previous, commit);
        if (changes is null)
        {
            build.Log(flow, $"Could not compute the changelog: the previous build's commit {previous} is no longer in the repository");
        }

        return changes;
    }

    /// <summary>The commit to check out, the branch it is recorded under, and how the log names it (<c>refs/remotes/origin/main</c>).</summary>
    private static (string Commit, string Branch, string Described) Choose(GitReader mirror, GitScmSpec spec)
    {
        GitResolution? resolution;
        try
        {
            resolution = spec.PinnedCommit is { } pinned ? new GitResolution(pinned, mirror.Resolve(spec.Branch)?.Ref) : mirror.Resolve(spec.Branch);
        }
        catch (GitException e)
        {
            throw StepErrors.Abort(e.Message);
        }

        if (resolution is null)
        {
            throw StepErrors.Abort($"Couldn't find any revision to build. Verify the repository and branch configuration for this job. (no branch, tag or commit '{spec.Branch}' in {spec.Url})");
        }

        return resolution.Ref switch
        {
            { Kind: GitRefKind.Branch } branch => (resolution.Commit, branch.Name, "refs/remotes/origin/" + branch.Name),
            // As Jenkins' branch sources check a change request out: under its name (GIT_BRANCH=PR-1).
            { Kind: GitRefKind.ChangeRequest } change => (resolution.Commit, change.Name, change.Name),
            { } other => (resolution.Commit, other.Name, other.CanonicalName),
            null => (resolution.Commit, spec.Branch, "detached"),
        };
    }
}
