using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Scm;

namespace ContainerCd.Server.Api;

/// <summary>
/// What the git plugin adds to a build's api/json: <c>changeSets</c> (a GitChangeSetList per build, its items the
/// commits since the previous build: commitId, msg, author.fullName, affectedPaths, paths) and a BuildData action per
/// repository checked out (<c>lastBuiltRevision</c> with its SHA1 and branch, <c>remoteUrls</c>).
/// </summary>
internal static class JenkinsScmViews
{
    public static List<Dictionary<string, object?>> ChangeSets(IReadOnlyList<GitCommitInfo> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return [];
        }

        return
        [
            new Dictionary<string, object?>
            {
                ["_class"] = "hudson.plugins.git.GitChangeSetList",
                ["kind"] = "git",
                ["items"] = changes.Select(change => new Dictionary<string, object?>
                {
                    ["_class"] = "hudson.plugins.git.GitChangeSet",
                    ["commitId"] = change.Commit,
                    ["id"] = change.Commit,
                    ["msg"] = change.Subject,
                    ["comment"] = change.Message + "\n",
                    ["timestamp"] = change.AuthorTime.ToUnixTimeMilliseconds(),
                    ["author"] = new Dictionary<string, object?> { ["fullName"] = change.AuthorName },
                    ["authorEmail"] = change.AuthorEmail,
                    ["affectedPaths"] = change.Paths.Select(p => p.Path).ToList(),
                    ["paths"] = change.Paths.Select(p => new Dictionary<string, object?> { ["editType"] = p.EditType.ToString().ToLowerInvariant(), ["file"] = p.Path }).ToList(),
                }).ToList(),
            },
        ];
    }

    public static IEnumerable<Dictionary<string, object?>> BuildData(IReadOnlyList<ScmRevision> revisions)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        return revisions.Select(revision => new Dictionary<string, object?>
        {
            ["_class"] = "hudson.plugins.git.util.BuildData",
            ["lastBuiltRevision"] = new Dictionary<string, object?>
            {
                ["SHA1"] = revision.Commit,
                ["branch"] = new[] { new Dictionary<string, object?> { ["SHA1"] = revision.Commit, ["name"] = "refs/remotes/origin/" + revision.Branch } },
            },
            ["remoteUrls"] = new[] { revision.Url },
            ["scmName"] = string.Empty,
        });
    }
}
