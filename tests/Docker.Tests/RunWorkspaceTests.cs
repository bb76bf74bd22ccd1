using System.Text.RegularExpressions;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// Two real <c>containercd run</c> processes building the same job with the same home at the same time: Jenkins'
/// per-job workspace (HOME/workspace/JOB), but never shared: the second one gets JOB@2, and once both are done the
/// next build is back in JOB.
/// </summary>
public sealed class RunWorkspaceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("containercd-workspace-test-").FullName;

    [Fact]
    public async Task ConcurrentProcesses_OfOneJob_NeverShareAWorkspace()
    {
        var home = Path.Combine(_directory, "home");
        var release = Path.Combine(_directory, "release");
        await File.WriteAllTextAsync(Path.Combine(_directory, "Jenkinsfile"), $$"""
            pipeline {
                agent any
                stages {
                    stage('Hold') {
                        steps {
                            sh 'echo "workspace=$PWD"; echo "holding"; i=0; while [ ! -e "{{release}}" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done'
                        }
                    }
                }
            }
            """, TestContext.Current.CancellationToken);

        var first = RunProcess.Start(_directory, "shared-job", home);
        await first.WaitForLineAsync("holding");
        var second = RunProcess.Start(_directory, "shared-job", home);
        await second.WaitForLineAsync("holding");
        await File.WriteAllTextAsync(release, "", TestContext.Current.CancellationToken);
        await first.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await second.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var third = RunProcess.Start(_directory, "shared-job", home);
        await third.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var workspace = Path.Combine(home, "workspace", "shared-job");
        Assert.Equal(workspace, Workspace(first));
        Assert.Equal(workspace + "@2", Workspace(second));
        Assert.Equal(workspace, Workspace(third));
        Assert.All(new[] { first, second, third }, run => Assert.Equal(0, run.Process.ExitCode));
    }

    private static string Workspace(RunProcess run)
    {
        var match = Regex.Match(run.Stdout, "(?m)^workspace=(.+)$");
        Assert.True(match.Success, run.Stdout + run.Stderr);
        return match.Groups[1].Value;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
