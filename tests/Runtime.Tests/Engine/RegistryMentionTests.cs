using ContainerCd.Runtime.Delivery.Registry;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>When a Jenkinsfile needs the local registry: it names its address as a registry, not merely mentions the port.</summary>
public sealed class RegistryMentionTests
{
    [Theory]
    [InlineData("docker.withRegistry('http://127.0.0.1:5000') { img.push() }", true)]
    [InlineData("withDockerRegistry([url: 'http://localhost:5000']) { sh 'x' }", true)]
    [InlineData("sh 'docker push localhost:5000/shop:1'", true)]
    [InlineData("def img = docker.build('127.0.0.1:5000/shop:${BUILD_NUMBER}')", true)]
    [InlineData("echo 'pushing to 127.0.0.1:5000/shop'", true)]
    [InlineData("sh 'curl -fsS http://localhost:5000/health'", false)]
    [InlineData("sh 'curl -fsS localhost:5000/health'", false)]
    [InlineData("echo 'the app listens on localhost:5000'", false)]
    [InlineData("docker.withRegistry('http://127.0.0.1:5001') { img.push() }", false)]
    [InlineData("sh 'docker push 10.127.0.0.1:5000/shop'", false)]
    public void Names_AJenkinsfileLine_IsTrueOnlyWhereTheLocalRegistryIsUsedAsARegistry(string line, bool names) =>
        Assert.Equal(names, RegistryForBuild.Names("pipeline {\n  " + line + "\n}\n", 5000));
}
