namespace ContainerCd.Runtime.Scm;

/// <summary>
/// A git operation failed: the message names the operation and gives git's own reason (libgit2's message, or
/// the git command line's error output), e.g. <c>Failed to fetch from file:///srv/x.git: failed to resolve path
/// '/srv/x.git': No such file or directory</c>.
/// </summary>
public sealed class GitException : Exception
{
    public GitException()
    {
    }

    public GitException(string message)
        : base(message)
    {
    }

    public GitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
