
namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// What changed in the project since the job's previous build, for <c>when { changelog }</c> and
/// <c>when { changeset }</c>: the commits between the commit the previous build ran and the current one
/// (commit messages and changed files). The job's last built commit is kept under the home folder.
/// Empty for the first build or when the project is not a git repository, as in Jenkins.
/// </summary>
public sealed class ScmChanges
{
    private ScmChanges(IReadOnlyList<string> messages, IReadOnlyList<string> files)
    {
        Messages = messages;
        Files = files;
    }

    public static ScmChanges None { get; } = new([], []);

    public IReadOnlyList<string> Messages { get; }

    public IReadOnlyList<string> Files { get; }

    public bool IsEmpty => Messages.Count == 0 && Files.Count == 0;

    public static async Task<ScmChanges> ComputeAsync(BuildRequest request)
    {
        if (request.SourceDirectory is not { } source || !Directory.Exists(Path.Combine(source, ".git")))
        {
            return None;
        }

        var current = (await GitCli.RunAsync(source, "rev-parse", "HEAD").ConfigureAwait(false))?.Trim();
        var marker = MarkerFile(request);
        var previous = File.Exists(marker) ? (await File.ReadAllTextAsync(marker).ConfigureAwait(false)).Trim() : null;
        if (current is null)
        {
            return None;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        await File.WriteAllTextAsync(marker, current).ConfigureAwait(false);
        if (previous is null || previous == current)
        {
            return None;
        }

        var log = await GitCli.RunAsync(source, "log", "--format=%B%x00", previous + ".." + current).ConfigureAwait(false) ?? string.Empty;
        var files = await GitCli.RunAsync(source, "diff", "--name-only", previous, current).ConfigureAwait(false) ?? string.Empty;
        return new ScmChanges(
            [.. log.Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(m => m.Length > 0)],
            [.. files.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
    }

    private static string MarkerFile(BuildRequest request) => Path.Combine(request.Home, "jobs", request.Job, "scm-last-commit");
}
