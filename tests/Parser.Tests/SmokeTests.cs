using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Tests;

public class SmokeTests
{
    [Fact]
    public void ParseScript_Pipeline_HasNoDiagnostics()
    {
        var result = Jenkinsfile.ParseScript(new SourceText("Jenkinsfile", "pipeline { agent any\n stages { stage('a') { steps { sh 'x' } } } }"));
        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Script);
    }

    [Fact]
    public void Parse_DeclarativePipeline_BuildsModel()
    {
        // Given
        const string text = """
            pipeline {
                agent { docker { image 'maven:3'; args '-v /tmp:/tmp' } }
                environment { FOO = 'bar' }
                stages {
                    stage('build') {
                        when { branch 'main' }
                        steps {
                            sh 'make'
                            dir('sub') { echo "in ${env.FOO}" }
                        }
                    }
                }
                post { always { echo 'done' } }
            }
            """;

        // When
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", text));

        // Then
        Assert.Empty(result.Diagnostics.Where(d => d.IsError));
        var pipeline = Assert.IsType<PipelineNode>(result.Pipeline);
        Assert.Equal("docker", pipeline.Agent!.Type);
        Assert.NotNull(pipeline.Agent.GetOption("image"));
        var stage = Assert.Single(pipeline.Stages!.Stages);
        Assert.Equal("build", stage.Name);
        Assert.Equal(["sh", "dir"], stage.Steps!.Steps.Select(s => s.Name));
        Assert.Equal("echo", Assert.Single(stage.Steps.Steps[1].Children).Name);
        Assert.Equal("branch", Assert.Single(stage.Directives.When!.Conditions).Name);
        Assert.Equal("always", Assert.Single(pipeline.Post!.Conditions).Condition);
    }

    [Fact]
    public void Parse_ScriptedPipeline_HasNoModelAndNoError()
    {
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", "node { sh 'make' }"));
        Assert.Null(result.Pipeline);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void Parse_StepOutsideSteps_ReportsUnknownStageSection()
    {
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", "pipeline { agent any\n stages { stage('a') { sh 'x' } } }"));
        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith("Unknown stage section \"sh\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_CharacterOutsideTheBmp_KeepsLaterPositions()
    {
        // Given: an emoji (two UTF-16 code units) before an unknown stage section
        const string text = "pipeline { agent any\n stages { stage('\U0001F680 go') { sh 'x' } } }";

        // When
        var result = Jenkinsfile.Parse(new SourceText("Jenkinsfile", text));

        // Then: the diagnostic points at "sh" in the SourceText's own offsets
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Message.StartsWith("Unknown stage section", StringComparison.Ordinal));
        Assert.Equal(text.IndexOf("sh 'x'", StringComparison.Ordinal), diagnostic.Span.Start);
    }
}
