using ContainerCd.Runtime.Pipeline.Files;

namespace ContainerCd.Runtime.Tests.Files;

/// <summary>Ant's pattern language as Jenkins' file steps read it (SelectorUtils.matchPath).</summary>
public sealed class AntPatternTests
{
    public static TheoryData<string, string, bool> Matches => new()
    {
        { "*.txt", "a.txt", true },
        { "*.txt", "d/a.txt", false },
        { "**/*.txt", "a.txt", true },
        { "**/*.txt", "d/e/a.txt", true },
        { "out/**", "out/a", true },
        { "out/**", "out/d/a", true },
        { "out/**", "outer/a", false },
        { "out/", "out/d/a", true },
        { "out\\*.jar", "out/a.jar", true },
        { "t?st.xml", "test.xml", true },
        { "t?st.xml", "teest.xml", false },
        { "**/target/*.jar", "m/target/x.jar", true },
        { "**/target/*.jar", "m/target/sub/x.jar", false },
        { "a/**/b", "a/b", true },
        { "a/**/b", "a/x/y/b", true },
        { "./a.txt", "a.txt", true },
        { "*.TXT", "a.txt", false },
    };

    [Theory]
    [MemberData(nameof(Matches))]
    public void Matches_PathAgainstPattern_AsAnt(string pattern, string path, bool expected)
    {
        // Given
        var parsed = AntPattern.Parse(pattern, caseSensitive: true, out var error);

        // When
        var matches = parsed!.Matches(path);

        // Then
        Assert.Null(error);
        Assert.Equal(expected, matches);
    }

    [Fact]
    public void Matches_CaseInsensitive_IgnoresCase()
    {
        Assert.True(AntPattern.Parse("**/*.TXT", caseSensitive: false, out _)!.Matches("D/a.txt"));
    }

    [Theory]
    [InlineData("/etc/passwd", "Expecting Ant GLOB pattern, but saw '/etc/passwd'")]
    [InlineData("../outside.txt", "‘../outside.txt’ goes up out of the directory it is matched in")]
    [InlineData("out/../../x", "goes up out of the directory")]
    public void Parse_PatternLeavingTheDirectory_IsRefusedWithWhy(string pattern, string expected)
    {
        Assert.Null(AntPattern.Parse(pattern, caseSensitive: true, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lib/*.jar", "lib", true, true)]
    [InlineData("lib/*.jar", "src", false, false)]
    [InlineData("**/*.jar", "venv/bin", true, false)]
    [InlineData("a/*/c/*.txt", "a/b", true, true)]
    [InlineData("a/*/c/*.txt", "a/b/d", false, false)]
    public void CouldMatchBelow_Directory_AsAntMatchPatternStart(string pattern, string directory, bool anyway, bool literally)
    {
        var parsed = AntPattern.Parse(pattern, caseSensitive: true, out _)!;
        Assert.Equal(anyway, parsed.CouldMatchBelow(directory));
        Assert.Equal(literally, parsed.CouldMatchBelow(directory, literally: true));
    }

    [Theory]
    [InlineData(".git/config", false)]
    [InlineData("src/.gitignore", false)]
    [InlineData("a.txt~", false)]
    [InlineData("src/a.txt", true)]
    public void Selects_DefaultExcludes_AsAnt(string path, bool expected)
    {
        var set = AntPatternSet.Parse("**", null, defaultExcludes: true, caseSensitive: true, out _)!;
        Assert.Equal(expected, set.Selects(path));
        Assert.True(AntPatternSet.Parse("**", null, defaultExcludes: false, caseSensitive: true, out _)!.Selects(path));
    }

    [Fact]
    public void Parse_CommaSeparated_TrimsEachPattern()
    {
        var set = AntPatternSet.Parse("a.txt, b/*.log ,", " b/skip.log", defaultExcludes: true, caseSensitive: true, out _)!;
        Assert.True(set.Selects("a.txt"));
        Assert.True(set.Selects("b/x.log"));
        Assert.False(set.Selects("b/skip.log"));
    }
}
