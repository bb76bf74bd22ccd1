using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Validation;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Tests;

/// <summary>
/// Lint verdicts on real-world Jenkinsfiles that Jenkins accepts (issue 10): each of these once failed
/// to lint or was an error where Jenkins' answer depends on the controller.
/// </summary>
public class LintVerdictTests
{
    [Theory]
    [InlineData("'''grep '\\\\-ls' || true'''", "grep '\\-ls' || true")]
    [InlineData("'''a '\\n' b'''", "a '\n' b")]
    [InlineData("'''a ''\\\\' b'''", "a ''\\' b")]
    [InlineData("'''it's'''", "it's")]
    [InlineData("'''x''y'''", "x''y")]
    public void Parse_TripleQuotedStringWithQuoteBeforeAnEscape_IsOneString(string literal, string value)
    {
        // Given: a quote (or two) right before an escape inside '''...'''
        var text = Pipeline("sh " + literal);

        // When
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", text));

        // Then
        Assert.Empty(result.Diagnostics);
        var step = Assert.Single(Assert.Single(result.Pipeline!.Stages!.Stages).Steps!.Steps);
        Assert.Equal(value, Assert.IsType<StringLiteral>(Assert.Single(step.Arguments.Positional)).Value);
    }

    [Fact]
    public void Parse_UnterminatedTripleQuotedStringWithAnEscape_IsReportedUnterminated()
    {
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", "sh '''grep '\\\\-ls' || true\n"));

        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message == "Unterminated triple-quoted string literal");
    }

    [Theory]
    [InlineData("options { lock('resource-name') }")]
    [InlineData("options { lock resource: 'resource-name' }")]
    [InlineData("options { lock(resource: 'resource-name') }")]
    public void Parse_LockAsPipelineOption_IsValid(string options)
    {
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", Pipeline("echo 'x'", options)));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("lock", Assert.Single(result.Pipeline!.Options!.Options).Name);
    }

    [Theory]
    [InlineData("lock('resource-name') { echo 'x' }")]
    [InlineData("lock(resource: 'resource-name', variable: 'LOCKED') { echo 'x' }")]
    public void Parse_LockStepWithItsResource_IsValid(string step) =>
        Assert.Empty(Jenkinsfile.Parse(new SourceText("Jenkinsfile", Pipeline(step))).Diagnostics);

    [Fact]
    public void Parse_LockWithAnUnknownParameter_IsAnError()
    {
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", Pipeline("echo 'x'", "options { lock(resorce: 'r') }")));

        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message.Contains("resorce", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownToolType_IsAWarningNamingTheKnownTypes()
    {
        // Given: which tool types exist depends on the controller's plugins
        var text = Pipeline("sh 'mvn -v'", "tools { banana 'apache-maven-3.0.1'\n maven 'm3' }");

        // When
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", text));

        // Then
        Assert.False(result.HasErrors);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("JP2002", warning.Code);
        Assert.StartsWith("Unknown tool type \"banana\"", warning.Message, StringComparison.Ordinal);
        Assert.Contains("maven", warning.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Pipeline);
    }

    [Fact]
    public void Parse_UnknownToolTypeWithKnownInstallations_IsAnError()
    {
        // Given: the installations are known (lint --tool, or the config's tools under run/serve)
        var options = ValidationOptions.Default with
        {
            ToolInstallations = new Dictionary<string, ImmutableArray<string>>
            {
                ["maven"] = ["m3"],
            }.ToImmutableDictionary(),
        };

        // When
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", Pipeline("sh 'mvn -v'", "tools { banana 'x' }")), options);

        // Then
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message.StartsWith("Invalid tool type \"banana\". Valid tool types: ", StringComparison.Ordinal));
    }

    private static string Pipeline(string step, string sections = "") =>
        "pipeline {\n agent any\n " + sections + "\n stages {\n  stage('a') {\n   steps {\n    " + step + "\n   }\n  }\n }\n}\n";
}
