namespace ContainerCd.Runtime.Pipeline.Files;

/// <summary>
/// What a file step selects: comma-separated Ant includes and excludes (as <c>hudson.Util.createFileSet</c>
/// splits them) plus, unless turned off, Ant's default excludes (version-control files, editor backups).
/// </summary>
public sealed class AntPatternSet
{
    /// <summary>Ant 1.10's <c>DirectoryScanner.DEFAULTEXCLUDES</c>, which Jenkins' file steps apply by default.</summary>
    public static readonly IReadOnlyList<string> DefaultExcludes =
    [
        "**/*~", "**/#*#", "**/.#*", "**/%*%", "**/._*",
        "**/CVS", "**/CVS/**", "**/.cvsignore",
        "**/SCCS", "**/SCCS/**", "**/vssver.scc",
        "**/.svn", "**/.svn/**", "**/.DS_Store",
        "**/.git", "**/.git/**", "**/.gitattributes", "**/.gitignore", "**/.gitmodules",
        "**/.hg", "**/.hg/**", "**/.hgignore", "**/.hgsub", "**/.hgsubstate", "**/.hgtags",
        "**/.bzr", "**/.bzr/**", "**/.bzrignore",
    ];

    private AntPatternSet(IReadOnlyList<AntPattern> includes, IReadOnlyList<AntPattern> excludes)
    {
        Includes = includes;
        Excludes = excludes;
    }

    public IReadOnlyList<AntPattern> Includes { get; }

    public IReadOnlyList<AntPattern> Excludes { get; }

    /// <summary>The set, or null with the first refused pattern's reason in <paramref name="error"/>.</summary>
    public static AntPatternSet? Parse(string includes, string? excludes, bool defaultExcludes, bool caseSensitive, out string? error)
    {
        var included = new List<AntPattern>();
        var excluded = new List<AntPattern>();
        foreach (var (texts, into) in new (IReadOnlyList<string>, List<AntPattern>)[] { (Split(includes), included), (Split(excludes), excluded), (defaultExcludes ? DefaultExcludes : [], excluded) })
        {
            foreach (var text in texts)
            {
                if (AntPattern.Parse(text, caseSensitive, out error) is not { } pattern)
                {
                    return null;
                }

                into.Add(pattern);
            }
        }

        error = null;
        return new AntPatternSet(included, excluded);
    }

    /// <summary>Whether the file at the relative path is selected.</summary>
    public bool Selects(string path) => Includes.Any(p => p.Matches(path)) && !Excludes.Any(p => p.Matches(path));

    /// <summary>Whether a file below the relative directory could be selected (the scan goes in).</summary>
    public bool CouldSelectBelow(string directory) =>
        Includes.Any(p => p.CouldMatchBelow(directory)) && !Excludes.Any(p => p.EndsWithGlobstar && p.Matches(directory));

    /// <summary>Whether the patterns name the path, or a directory on the way to files they name, without a <c>**</c>.</summary>
    public bool Names(string path) =>
        (Includes.Any(p => p.Matches(path)) || Includes.Any(p => p.CouldMatchBelow(path, literally: true))) && !Excludes.Any(p => p.Matches(path));

    private static string[] Split(string? patterns) =>
        (patterns ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
