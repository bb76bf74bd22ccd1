using System.Collections.Immutable;

namespace ContainerCd.Runtime.Pipeline.Files;

/// <summary>
/// The files a build's steps may reach on a node: its workspace and the workspace's <c>@tmp</c> sibling, the
/// directories a Docker agent shares with ContainerCd (bind-mounted at the same path). A step's path is resolved
/// one component at a time, as the system would resolve it, except that a symbolic link is judged against these
/// roots instead of being followed onto the host: a link whose target stays inside leads to that target, one
/// whose target leaves (an absolute path elsewhere, or <c>..</c> above the root) is refused, whichever agent
/// made it: the same text means another file inside a container than on the host. A path that leaves by
/// itself (<c>..</c>, an absolute path elsewhere) is refused too.
/// </summary>
public sealed class WorkspaceArea
{
    /// <summary>As many links as Linux follows in one lookup before ELOOP.</summary>
    private const int MaxLinks = 40;

    public WorkspaceArea(string workspace, params string[] otherRoots)
    {
        Workspace = Normalize(workspace);
        Roots = [Workspace, .. otherRoots.Select(Normalize)];
    }

    /// <summary>The area of a node's workspace: the workspace and <c>WORKSPACE@tmp</c>.</summary>
    public static WorkspaceArea ForWorkspace(string workspace) => new(workspace, Normalize(workspace) + "@tmp");

    public string Workspace { get; }

    /// <summary>What the area is called in messages: the workspace, or the project (readTrusted).</summary>
    public string Name { get; init; } = "workspace";

    public ImmutableArray<string> Roots { get; }

    /// <summary>Resolves <paramref name="path"/> (absolute, or relative to <paramref name="directory"/>).</summary>
    public PathResolution Resolve(string directory, string path)
    {
        var combined = Path.Combine(directory, path);
        return TrySplit(combined, out var root, out var components)
            ? Walk(root, components)
            : new PathResolution(PathVerdict.Outside, Path.GetFullPath(combined));
    }

    /// <summary>The error for a path that is not inside, naming it (as given) and the link that left.</summary>
    public string Refusal(string path, PathResolution resolution) => resolution.Verdict switch
    {
        PathVerdict.TooManyLinks => $"‘{path}’: too many levels of symbolic links",
        _ when resolution.Link is { } link =>
            $"‘{path}’ is outside the {Name}: {Display(link)} is a symbolic link to {resolution.LinkTarget}, and ContainerCd reads and writes no file outside the {Name} through a link",
        _ => $"‘{path}’ is outside the {Name} {Workspace}: file steps only reach files in the {Name} (use sh for other files of the agent)",
    };

    /// <summary>A path as users know it: relative to the workspace when inside it.</summary>
    public string Display(string fullPath) =>
        fullPath.StartsWith(Workspace + "/", StringComparison.Ordinal) ? fullPath[(Workspace.Length + 1)..] : fullPath;

    private PathResolution Walk(string root, IEnumerable<string> components)
    {
        var real = new List<string>();
        var pending = new Stack<string>(components.Reverse());
        string? link = null;
        string? target = null;
        var followed = 0;
        while (pending.TryPop(out var component))
        {
            if (component is "" or ".")
            {
                continue;
            }

            if (component == "..")
            {
                if (real.Count == 0)
                {
                    return new PathResolution(PathVerdict.Outside, Path.GetFullPath(Join(root, real) + "/.."), link, target);
                }

                real.RemoveAt(real.Count - 1);
                continue;
            }

            var candidate = Join(root, real) + "/" + component;
            if (LinkTargetOf(candidate) is not { } linkTarget)
            {
                real.Add(component);
                continue;
            }

            if (++followed > MaxLinks)
            {
                return new PathResolution(PathVerdict.TooManyLinks, candidate, candidate, linkTarget);
            }

            (link, target) = (candidate, linkTarget);
            IEnumerable<string> next;
            if (Path.IsPathRooted(linkTarget))
            {
                if (!TrySplit(linkTarget, out root, out var fromRoot))
                {
                    return new PathResolution(PathVerdict.Outside, linkTarget, link, target);
                }

                real.Clear();
                next = fromRoot;
            }
            else
            {
                next = linkTarget.Split('/');
            }

            foreach (var part in next.Reverse())
            {
                pending.Push(part);
            }
        }

        return new PathResolution(PathVerdict.Inside, Join(root, real), link, target);
    }

    /// <summary>The root <paramref name="path"/> is under (literally, else once normalized) and the components below it.</summary>
    private bool TrySplit(string path, out string root, out string[] components)
    {
        foreach (var candidate in new[] { path, Path.GetFullPath(path) })
        {
            foreach (var each in Roots)
            {
                if (candidate == each || candidate.StartsWith(each + "/", StringComparison.Ordinal))
                {
                    root = each;
                    components = candidate[each.Length..].Split('/');
                    return true;
                }
            }
        }

        root = string.Empty;
        components = [];
        return false;
    }

    private static string? LinkTargetOf(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            // Not a directory on the way (a file where a directory is expected): no link here.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Join(string root, List<string> components) =>
        components.Count == 0 ? root : root + "/" + string.Join('/', components);

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
