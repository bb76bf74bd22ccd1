using ContainerCd.Runtime.Pipeline.Files;

namespace ContainerCd.Runtime.Tests.Files;

/// <summary>The one path rule of file steps, on real directories and links.</summary>
public sealed class WorkspaceAreaTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("ccd-area-").FullName;

    public WorkspaceAreaTests()
    {
        // HOME/ws is the workspace; HOME/outside.txt and HOME/secret/ are outside it.
        Directory.CreateDirectory(Path.Combine(Workspace, "out", "sub"));
        File.WriteAllText(Path.Combine(Workspace, "out", "real.txt"), "hi");
        File.WriteAllText(Path.Combine(_home, "outside.txt"), "outside");
        Directory.CreateDirectory(Path.Combine(_home, "secret"));
        File.WriteAllText(Path.Combine(_home, "secret", "key"), "k");
        Link("out/in", "real.txt");
        Link("out/up", "../out/real.txt");
        Link("out/abs-in", Path.Combine(Workspace, "out", "real.txt"));
        Link("out/dir-in", "sub");
        Link("out/abs", Path.Combine(_home, "outside.txt"));
        Link("out/rel", "../../outside.txt");
        Link("out/etc", "/etc");
        Link("out/secret", "../../secret");
        Link("out/dangling", "missing.txt");
        Link("out/loop", "loop");
        Link("out/tricky", Workspace + "/../outside.txt");
    }

    private string Workspace => Path.Combine(_home, "ws");

    private WorkspaceArea Area => WorkspaceArea.ForWorkspace(Workspace);

    [Theory]
    [InlineData("out/real.txt", "out/real.txt")]
    [InlineData("out/in", "out/real.txt")]
    [InlineData("out/up", "out/real.txt")]
    [InlineData("out/abs-in", "out/real.txt")]
    [InlineData("out/dir-in/x", "out/sub/x")]
    [InlineData("out/sub/../real.txt", "out/real.txt")]
    [InlineData("out/dangling", "out/missing.txt")]
    [InlineData("new/file", "new/file")]
    public void Resolve_InsideTheWorkspace_GivesTheRealPath(string path, string expected)
    {
        var resolution = Area.Resolve(Workspace, path);

        Assert.Equal(PathVerdict.Inside, resolution.Verdict);
        Assert.Equal(Path.Combine(Workspace, expected), resolution.FullPath);
    }

    [Theory]
    [InlineData("out/abs", null)]
    [InlineData("out/rel", null)]
    [InlineData("out/etc/passwd", "/etc")]
    [InlineData("out/secret/key", "../../secret")]
    [InlineData("out/tricky", null)]
    [InlineData("../outside.txt", null)]
    [InlineData("out/../../outside.txt", null)]
    [InlineData("/etc/passwd", null)]
    public void Resolve_LeavingTheWorkspace_IsOutside(string path, string? target)
    {
        var resolution = Area.Resolve(Workspace, path);

        Assert.Equal(PathVerdict.Outside, resolution.Verdict);
        if (target is not null)
        {
            Assert.Equal(target, resolution.LinkTarget);
        }
    }

    [Fact]
    public void Resolve_LinkCycle_IsTooManyLinks()
    {
        Assert.Equal(PathVerdict.TooManyLinks, Area.Resolve(Workspace, "out/loop").Verdict);
    }

    [Fact]
    public void Resolve_FromASubdirectory_JudgesLinksAgainstTheWorkspace()
    {
        var sub = Path.Combine(Workspace, "out");
        Assert.Equal(Path.Combine(Workspace, "out", "real.txt"), Area.Resolve(sub, "in").FullPath);
        Assert.Equal(PathVerdict.Outside, Area.Resolve(sub, "../../outside.txt").Verdict);
        Assert.Equal(PathVerdict.Inside, Area.Resolve(Workspace + "@tmp", "x").Verdict);
    }

    [Fact]
    public void Refusal_ThroughALink_NamesTheLinkAndItsTarget()
    {
        var resolution = Area.Resolve(Workspace, "out/etc/passwd");

        Assert.Equal("‘out/etc/passwd’ is outside the workspace: out/etc is a symbolic link to /etc, and ContainerCd reads and writes no file outside the workspace through a link",
            Area.Refusal("out/etc/passwd", resolution));
    }

    [Fact]
    public void Scan_LinksInsideFollowed_OutsideAndDanglingSkippedWithWarnings()
    {
        // Given the patterns out/**
        var patterns = AntPatternSet.Parse("out/**", null, defaultExcludes: true, caseSensitive: true, out _)!;

        // When
        var result = WorkspaceScanner.Scan(Area, Workspace, patterns);

        // Then links inside are their files, nothing outside is selected, and each skipped link is named
        Assert.Equal(["out/abs-in", "out/in", "out/real.txt", "out/up"], result.Files.Select(f => f.Path));
        Assert.All(result.Files, f => Assert.Equal(Path.Combine(Workspace, "out", "real.txt"), f.FullPath));
        Assert.Contains("Skipped out/etc: a symbolic link to /etc, outside the workspace", result.Warnings);
        Assert.Contains("Skipped out/dangling: a symbolic link to missing.txt, which does not exist", result.Warnings);
        Assert.Contains(result.Warnings, w => w.StartsWith("Skipped out/abs: ", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("Skipped out/rel: ", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("Skipped out/secret: ", StringComparison.Ordinal));
        Assert.Contains("Skipped out/loop: too many levels of symbolic links", result.Warnings);
    }

    [Fact]
    public void Scan_LinkToADirectoryInside_IsScannedUnderTheLinkName()
    {
        File.WriteAllText(Path.Combine(Workspace, "out", "sub", "deep.txt"), "d");
        var patterns = AntPatternSet.Parse("out/dir-in/*.txt", null, defaultExcludes: true, caseSensitive: true, out _)!;

        var result = WorkspaceScanner.Scan(Area, Workspace, patterns);

        Assert.Equal(["out/dir-in/deep.txt"], result.Files.Select(f => f.Path));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Scan_FollowSymlinksFalse_SelectsNoLink()
    {
        var patterns = AntPatternSet.Parse("out/**", null, defaultExcludes: true, caseSensitive: true, out _)!;

        var result = WorkspaceScanner.Scan(Area, Workspace, patterns, followSymlinks: false);

        Assert.Equal(["out/real.txt"], result.Files.Select(f => f.Path));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Scan_PatternNotNamingALinkOutside_SkipsItQuietly()
    {
        var patterns = AntPatternSet.Parse("**/*.jar", null, defaultExcludes: true, caseSensitive: true, out _)!;

        var result = WorkspaceScanner.Scan(Area, Workspace, patterns);

        Assert.Empty(result.Files);
        Assert.Empty(result.Warnings);
    }

    private void Link(string path, string target) => File.CreateSymbolicLink(Path.Combine(Workspace, path), target);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, true);
        }
        catch (IOException)
        {
        }
    }
}
