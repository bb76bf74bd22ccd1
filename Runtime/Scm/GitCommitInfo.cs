using System.Collections.Immutable;

namespace ContainerCd.Runtime.Scm;

/// <summary>How a commit changed a path, as Jenkins' <c>EditType</c>: add, edit or delete.</summary>
public enum GitEditType
{
    Add,
    Edit,
    Delete,
}

/// <summary>A path a commit changed (against its first parent), with how.</summary>
public sealed record GitChangedPath(string Path, GitEditType EditType);

/// <summary>One commit as a changelog shows it: id, author, committer, message and the paths it changed.</summary>
public sealed record GitCommitInfo(
    string Commit,
    string AuthorName,
    string AuthorEmail,
    DateTimeOffset AuthorTime,
    string CommitterName,
    string CommitterEmail,
    DateTimeOffset CommitterTime,
    string Message,
    ImmutableArray<GitChangedPath> Paths)
{
    /// <summary>The first line of the message, as <c>Commit message: "..."</c> shows it.</summary>
    public string Subject => Message.Split('\n', 2)[0].TrimEnd('\r');
}
