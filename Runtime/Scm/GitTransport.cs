namespace ContainerCd.Runtime.Scm;

/// <summary>How a remote is reached: a local repository, HTTP(S) (libgit2), or SSH (the git command line).</summary>
public enum GitTransport
{
    Local,
    Http,
    Ssh,
}
