using System.Formats.Tar;
using ContainerCd.Runtime.Docker.Shell;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// The node-to-mirror half for a few small changed files: one command in the agent's own shell (<c>tar -c | base64</c>,
/// one round trip in the session the steps use) instead of <c>GET /containers/{id}/archive</c>, for which the engine
/// mounts the container's file system (about 200 ms on a loaded machine). An image without tar or base64, a failure of
/// that command, or a path it did not give (gone meanwhile, or unreadable to the step's user) falls back to the archive
/// endpoint.
/// </summary>
internal sealed partial class WorkspaceMirror
{
    /// <summary>Changed files up to this many bytes in all come back through the shell; more through the archive endpoint.</summary>
    private const long ThroughShellUpTo = 1 << 20;

    /// <summary>Up to this many changed paths come back through the shell (they are the command's arguments).</summary>
    private const int ThroughShellPathsUpTo = 256;

    /// <summary>The command's exit code when the container lacks tar or base64.</summary>
    private const int ShellToolsMissing = 90;

    private bool _shellFetchUnsupported;
    private int _archiveReads;

    /// <summary>Archives read from the node over the API (GET /containers/{id}/archive) so far.</summary>
    public int ArchiveReads => Volatile.Read(ref _archiveReads);

    /// <summary>The script that prints the given paths (relative to the workspace, where it runs) as a base64 tar.</summary>
    internal static string TarScript(IEnumerable<string> paths) =>
        $"command -v tar >/dev/null && command -v base64 >/dev/null || exit {ShellToolsMissing}\n"
        + "tar -cf - -- " + string.Join(' ', paths.Select(ShellQuote.Quote)) + " 2>/dev/null | base64\n";

    /// <summary>
    /// Fetches <paramref name="paths"/> through the agent's shell; returns those the node no longer had, or null when that
    /// cannot be done (too many bytes, no tar or base64 there, the command failed): the caller then uses the archive endpoint.
    /// </summary>
    private async Task<HashSet<string>?> FetchThroughShellAsync(List<string> paths, long bytes, CancellationToken cancellationToken)
    {
        if (_shellFetchUnsupported || bytes > ThroughShellUpTo || paths.Count > ThroughShellPathsUpTo)
        {
            return null;
        }

        var (exitCode, output) = await run(TarScript(paths), cancellationToken).ConfigureAwait(false);
        _shellFetchUnsupported = exitCode == ShellToolsMissing;
        byte[] tar;
        try
        {
            tar = exitCode == 0 && output is not null ? Convert.FromBase64String(output) : [];
        }
        catch (FormatException)
        {
            return null;
        }

        if (tar.Length == 0)
        {
            return null;
        }

        var missing = new HashSet<string>(paths, StringComparer.Ordinal);
        using var archive = new MemoryStream(tar, writable: false);
        await using var reader = new TarReader(archive);
        try
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var name = entry.Name.TrimEnd('/');
                if (missing.Remove(name))
                {
                    await TakeAsync(entry, name, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            // Cut short (the output of a command that failed midway): what it held is taken, the archive endpoint does the rest.
        }

        return missing;
    }
}
