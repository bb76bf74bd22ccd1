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
}
