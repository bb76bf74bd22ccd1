using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Tests;

/// <summary>
/// Forms found in public repositories' Jenkinsfiles (bench/realworld-lint.sh) that Jenkins accepts:
/// each once failed to lint here.
/// </summary>
public class RealWorldFormsTests
{
    [Theory]
    [InlineData("sh'go version'", "go version")]
    [InlineData("sh\"go mod tidy\"", "go mod tidy")]
    [InlineData("echo'done'", "done")]
    public void Parse_StringRightAfterTheStepName_IsItsArgument(string step, string argument)
    {
        // Given
        var text = "pipeline {\n agent any\n stages {\n  stage('a') {\n   steps {\n    " + step + "\n    echo 'next'\n   }\n  }\n }\n}\n";

        // When
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", text));

        // Then
        Assert.Empty(result.Diagnostics);
        var steps = Assert.Single(result.Pipeline!.Stages!.Stages).Steps!.Steps;
        Assert.Equal(2, steps.Length);
        var literal = Assert.IsType<StringLiteral>(Assert.Single(steps[0].Arguments.Positional));
        Assert.Equal(argument, literal.Value);
    }

    [Theory]
    [InlineData("filename 'ci/Jenkins.Dockerfile'")]
    [InlineData("filename '.ci/Dockerfiles/build'; dir 'src'")]
    public void Parse_DockerfileInASubfolder_IsValid(string options)
    {
        // Jenkins builds dir/filename (DockerPipelineFromDockerfile.getDockerfilePath): a path is fine.
        var text = "pipeline {\n agent { dockerfile { " + options + " } }\n stages { stage('a') { steps { sh 'make' } } }\n}\n";

        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", text));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("dockerfile", result.Pipeline!.Agent!.Type);
    }

    [Theory]
    [InlineData("booleanParam(name: 'SKIP', defaultValue: 'false', description: 'x')")]
    [InlineData("string(name: 'VERSION', defaultValue: 1.5)")]
    public void Parse_ParameterValueGroovyCasts_IsValid(string parameter)
    {
        // Jenkins' validateParameterType refuses only Integer/Boolean for a String and String/Boolean for an int.
        Assert.Empty(ParseWithParameter(parameter).Diagnostics);
    }

    [Theory]
    [InlineData("string(name: 'VERSION', defaultValue: 4)", "Expecting \"class java.lang.String\" for parameter \"defaultValue\" but got \"4\" of type class java.lang.Integer instead")]
    [InlineData("string(name: 'VERSION', defaultValue: true)", "Expecting \"class java.lang.String\" for parameter \"defaultValue\" but got \"true\" of type class java.lang.Boolean instead")]
    public void Parse_ParameterValueJenkinsRefuses_IsAnError(string parameter, string message) =>
        Assert.Contains(ParseWithParameter(parameter).Diagnostics, d => d.IsError && d.Message == message);

    private static JenkinsfileParseResult ParseWithParameter(string parameter) =>
        Jenkinsfile.Parse(new SourceText("Jenkinsfile",
            "pipeline {\n agent any\n parameters { " + parameter + " }\n stages { stage('a') { steps { sh 'make' } } }\n}\n"));
}
