using System.Text;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Tests;

/// <summary>Any input ends in diagnostics: never an exception, a hang or a stack overflow.</summary>
public class RobustnessTests
{
    public static TheoryData<string, string> HostileInputs() => new()
    {
        { "binary", Encoding.Latin1.GetString([.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 256))]) },
        { "nested brackets", new string('[', 10_000) + new string(']', 10_000) },
        { "nested braces", new string('{', 10_000) },
        { "nested parentheses", "x = " + new string('(', 10_000) + "1" + new string(')', 10_000) },
        { "nested closures in pipeline", "pipeline { agent any\n stages { stage('a') { steps { script { " + string.Concat(Enumerable.Repeat("foo { ", 3000)) },
        { "unterminated double quote", "pipeline { agent any\n stages { stage('a') { steps { sh \"echo" },
        { "unterminated triple quote", "sh '''\nline\n" },
        { "unterminated interpolation", "echo \"${x" + new string('a', 1000) },
        { "unterminated comment", "/* " + new string('*', 1000) },
        { "only operators", string.Concat(Enumerable.Repeat("+-*/%<>=!&|^~?:.,;", 500)) },
        { "lone surrogates", "echo '\uD800\uDC00\uD800'" },
        { "empty", string.Empty },
        { "cast to a lowercase name", "x = a as the oly top" },
        { "prose after a label", "rror: \"agent\" is not allowed in stage \"with agent\" as it contains parallel or matrix stages\n" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Parse_HostileInput_ReturnsDiagnosticsWithoutThrowing(string name, string text)
    {
        // When
        var result = Jenkinsfile.Parse(new SourceText(name, text));

        // Then
        Assert.NotNull(result);
        if (text.Length > 0)
        {
            Assert.True(result.HasErrors || result.Script is not null, name);
        }
    }

    [Fact]
    public void Parse_ManyErrors_StopsAfterCap()
    {
        var text = string.Concat(Enumerable.Repeat("pipeline { ) ] }\n", 5_000));

        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", text));

        Assert.True(result.HasErrors);
        Assert.True(result.Diagnostics.Length <= 30, $"{result.Diagnostics.Length} diagnostics");
    }

    [Fact]
    public void Parse_LargeValidPipeline_HasNoErrors()
    {
        // Given: ~10 MB of stages
        var builder = new StringBuilder("pipeline {\n agent any\n stages {\n");
        for (var i = 0; builder.Length < 10_000_000; i++)
        {
            builder.Append("  stage('s").Append(i).Append("') {\n   steps {\n    sh \"make target").Append(i).Append(" ${env.X}\"\n   }\n  }\n");
        }

        builder.Append(" }\n}\n");

        // When
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", builder.ToString()));

        // Then
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Take(5)));
        Assert.NotNull(result.Pipeline);
    }
}
