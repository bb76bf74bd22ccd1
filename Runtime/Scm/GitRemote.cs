using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ContainerCd.Runtime.Scm;

/// <summary>
/// A remote repository's URL as the user wrote it (<see cref="Url"/>, shown in logs and <c>GIT_URL</c>) and as git
/// reaches it (<see cref="FetchUrl"/>: a local path becomes <c>file:///absolute/path</c>; scp-like
/// <c>user@host:path</c> becomes <c>ssh://user@host/path</c>), with the name of its mirror under the home
/// (<see cref="MirrorName"/>: the normalised URL made safe for a folder name, plus a hash, without credentials).
/// </summary>
public sealed partial record GitRemote
{
    private GitRemote(string url, string fetchUrl, GitTransport transport, string normalized)
    {
        Url = url;
        FetchUrl = fetchUrl;
        Transport = transport;
        Normalized = normalized;
    }

    public string Url { get; }

    public string FetchUrl { get; }

    public GitTransport Transport { get; }

    /// <summary>The URL compared between builds and jobs: no credentials, no trailing slash or <c>.git</c>, lower-case scheme and host.</summary>
    public string Normalized { get; }

    public string MirrorName
    {
        get
        {
            var safe = SafeName().Replace(Normalized, "_").Trim('_');
            if (safe.Length > 60)
            {
                safe = safe[^60..];
            }

            return safe + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalized)))[..12] + ".git";
        }
    }

    /// <summary>The repository's name: the last part of its path without <c>.git</c> (<c>app</c> for <c>file:///srv/git/app.git</c>).</summary>
    public string RepositoryName
    {
        get
        {
            var path = Normalized.TrimEnd('/');
            var name = path[(path.LastIndexOfAny(['/', ':']) + 1)..];
            return name.Length == 0 ? "repository" : name;
        }
    }

    /// <summary>
    /// Reads a URL: a local path (absolute, or relative to <paramref name="baseDirectory"/>), <c>file://</c>,
    /// <c>http(s)://</c>, <c>ssh://</c> or scp-like <c>user@host:path</c>. Anything else is refused with the reason.
    /// </summary>
    public static GitRemote Parse(string url, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var trimmed = url.Trim();
        if (trimmed.Length == 0)
        {
            throw new GitException("No repository URL given");
        }

        if (trimmed.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            var path = Uri.UnescapeDataString(trimmed["file://".Length..]);
            if (!path.StartsWith('/'))
            {
                throw new GitException($"Cannot read the repository URL '{url}': a file URL needs an absolute path (file:///path/to/repo.git)");
            }

            return Local(url, path);
        }

        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ssh" or "git" or "git+ssh" or "ssh+git")
        {
            if (uri.Scheme == "git")
            {
                throw new GitException($"Cannot read the repository URL '{url}': the git:// protocol is not supported by containercd (use https://, ssh:// or a local path)");
            }

            var transport = uri.Scheme is "http" or "https" ? GitTransport.Http : GitTransport.Ssh;
            var fetch = transport == GitTransport.Ssh && uri.Scheme != "ssh" ? "ssh://" + trimmed[(trimmed.IndexOf("://", StringComparison.Ordinal) + 3)..] : trimmed;
            var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new GitRemote(url, fetch, transport, (transport == GitTransport.Http ? uri.Scheme : "ssh") + "://" + uri.Host.ToLowerInvariant() + port + TrimPath(uri.AbsolutePath));
        }

        if (trimmed.Contains("://", StringComparison.Ordinal))
        {
            throw new GitException($"Cannot read the repository URL '{url}': unsupported protocol (containercd reads local paths, file://, http(s):// and ssh://)");
        }

        if (ScpLike().Match(trimmed) is { Success: true } scp)
        {
            // git itself reads the scp-like form (a path relative to the login's home unless it starts with /).
            return new GitRemote(url, trimmed, GitTransport.Ssh,
                "ssh://" + scp.Groups["host"].Value.ToLowerInvariant() + "/" + TrimPath(scp.Groups["path"].Value).TrimStart('~', '/'));
        }

        return Local(url, Path.GetFullPath(trimmed, baseDirectory ?? System.Environment.CurrentDirectory));
    }

    private static GitRemote Local(string url, string path)
    {
        var full = Path.GetFullPath(path);
        full = full.Length > 1 ? full.TrimEnd('/') : full;
        return new GitRemote(url, "file://" + full, GitTransport.Local, "file://" + TrimPath(full));
    }

    private static string TrimPath(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.EndsWith(".git", StringComparison.Ordinal) ? trimmed[..^4] : trimmed;
    }

    /// <summary>Whether two URLs name the same repository (Jenkins' notifyCommit and webhooks compare them so).</summary>
    public bool SameRepository(GitRemote other) => other is not null && Normalized == other.Normalized;

    public override string ToString() => Url;

    [GeneratedRegex(@"^(?:(?<user>[^@/:]+)@)?(?<host>[^@/:]+):(?<path>[^/].*|/.*)$")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex SafeName();
}
