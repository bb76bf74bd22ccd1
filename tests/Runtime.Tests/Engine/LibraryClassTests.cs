using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>Classes under a shared library's src/: created with new, by imported or qualified name.</summary>
public sealed class LibraryClassTests : IDisposable
{
    private readonly string _library = Path.Combine(Path.GetTempPath(), "ccd-lib-" + Guid.NewGuid().ToString("N")[..12]);

    public LibraryClassTests()
    {
        Directory.CreateDirectory(Path.Combine(_library, "src", "org", "acme"));
        File.WriteAllText(Path.Combine(_library, "src", "org", "acme", "Deployer.groovy"), """
            package org.acme

            class Deployer implements Serializable {
                def steps
                String target = 'staging'
                Deployer(steps) { this.steps = steps }
                def deploy(String version) {
                    steps.echo "deploying ${version} to ${target}"
                    return new Receipt(version: version)
                }
                def buildNumber() { steps.env.BUILD_NUMBER }
            }

            class Receipt implements Serializable { String version }
            """);
        // A file that does not compile fails only the builds that use it, as in Jenkins.
        File.WriteAllText(Path.Combine(_library, "src", "org", "acme", "Broken.groovy"), "package org.acme\nclass Broken {\n");
    }

    private PipelineRunner Runner() => new()
    {
        Config = RuntimeConfig.Empty with { Libraries = [new LibraryDefinition("acme") { Path = _library }] },
    };

    [Fact]
    public async Task New_ImportedAndQualifiedLibraryClasses_RunWithTheSteps()
    {
        // Given
        using var runner = Runner();
        const string jenkinsfile = """
            @Library('acme') import org.acme.Deployer
            pipeline {
                agent any
                stages {
                    stage('deploy') {
                        steps {
                            script {
                                def receipt = new Deployer(steps).deploy('1.2')
                                echo "receipt ${receipt.version}"
                                def prod = new org.acme.Deployer(this)
                                prod.target = 'prod'
                                prod.deploy('1.3')
                                echo "build #${prod.buildNumber()}"
                            }
                        }
                    }
                }
            }
            """;

        // When
        var (result, log, _) = await runner.RunAsync(jenkinsfile);

        // Then
        Assert.Equal(BuildResult.Success, result);
        Assert.Contains("deploying 1.2 to staging\n", log, StringComparison.Ordinal);
        Assert.Contains("receipt 1.2\n", log, StringComparison.Ordinal);
        Assert.Contains("deploying 1.3 to prod\n", log, StringComparison.Ordinal);
        Assert.Contains("build #1\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_LibraryClassThatDoesNotCompile_FailsTheBuildThatUsesIt()
    {
        using var runner = Runner();

        var (result, log, _) = await runner.RunAsync("""
            @Library('acme') _
            pipeline { agent any; stages { stage('a') { steps { script { new org.acme.Broken() } } } } }
            """);

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("Broken.groovy does not compile", log, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_library, true);
}
