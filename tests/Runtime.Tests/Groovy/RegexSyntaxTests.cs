namespace ContainerCd.Runtime.Tests.Groovy;

/// <summary>Patterns are Java's at run time as at lint time: what <c>Pattern.compile</c> refuses fails as it does in Jenkins.</summary>
public sealed class RegexSyntaxTests
{
    [Theory]
    [InlineData("'a{b' ==~ /a{b/")]
    [InlineData("'a{b' =~ /{b/")]
    [InlineData("'x{'.replaceAll('x{', 'y')")]
    public async Task Pattern_BraceThatStartsNoRepetition_IsAPatternSyntaxException(string expression)
    {
        // Given a pattern .NET would read as a literal brace; When it is used; Then it fails as Java's does
        var result = await ScriptRunner.RunAsync($"echo(({expression}).toString())", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("java.util.regex.PatternSyntaxException", result.Error?.ClassName);
        Assert.StartsWith("Illegal repetition near index", result.Error?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'aa{' ==~ /a{2}\\{/", "true")]
    [InlineData("'aa' ==~ /a{2}/", "true")]
    [InlineData("'a{b' ==~ /a\\{b/", "true")]
    [InlineData("'a{b' ==~ /a[{]b/", "true")]
    public async Task Pattern_RepetitionOrEscapedBrace_Matches(string expression, string expected)
    {
        Assert.Equal(expected, await ScriptRunner.EvalAsync(expression));
    }
}
