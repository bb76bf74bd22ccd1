using System.Diagnostics;
using ContainerCd.Runtime.Results;
using ContainerCd.Server.Storage;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// No exception escapes a build, in <c>containercd run</c> as in <c>serve</c>: a project holding a dangling link is
/// checked out, a step's unexpected I/O error fails that step, post runs, the build is recorded and its log ends
/// <c>Finished: FAILURE</c>.
/// </summary>
public sealed class BuildErrorTests
{
    private const string Jenkinsfile = """
        pipeline {
            agent any
            stages {
                stage('s') {
                    steps {
                        sh 'test -L dangling && mkdir d'
                        writeFile file: 'd', text: 'x'
                    }
                }
            }
            post { always { echo 'post ran' } }
        }
        """;

    [Fact]
    public async Task Serve_DanglingLinkAndAStepIOError_BuildEndsFailureAndIsRecorded()
    {
        // Given a job whose directory (what checkout copies) holds a dangling link
        await using var server = await TestServer.StartRealAsync(("broken", Jenkinsfile));
        File.CreateSymbolicLink(Path.Combine(server.Home, "jobs", "broken", "dangling"), "/nonexistent/file");

        // When
        var number = await server.TriggerAsync("broken");
        var build = await server.WaitFinishedAsync("broken", number, timeoutSeconds: 60);

        // Then
        var console = await server.Http.GetStringAsync($"job/broken/{number}/consoleText", TestContext.Current.CancellationToken);
        Assert.Equal("FAILURE", build.GetProperty("build").GetProperty("result").GetString());
        Assert.Contains("post ran", console, StringComparison.Ordinal);
        Assert.True(console.Contains("\njava.nio.file.AccessDeniedException: ", StringComparison.Ordinal), console);
        Assert.EndsWith("Finished: FAILURE\n", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DanglingLinkAndAStepIOError_ExitsFailedWithTheBuildRecorded()
    {
        // Given a project holding a dangling link
        var project = Directory.CreateTempSubdirectory("ccd-run-errors-").FullName;
        var home = Path.Combine(project, ".home");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(project, "Jenkinsfile"), Jenkinsfile, TestContext.Current.CancellationToken);
            File.CreateSymbolicLink(Path.Combine(project, "dangling"), "/nonexistent/file");

            // When it is run
            var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "containercd"), ["run", "--job", "broken", "--home", home])
            {
                WorkingDirectory = project,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);

            // Then the build fails as a build, not as a process
            var output = await stdout;
            Assert.True(process.ExitCode == 1, output + await stderr);
            Assert.DoesNotContain("Unhandled exception", await stderr, StringComparison.Ordinal);
            Assert.Contains("post ran", output, StringComparison.Ordinal);
            Assert.Contains("Finished: FAILURE\n", output, StringComparison.Ordinal);
            using var store = new BuildStore(new BuildPaths(home).Database);
            var recorded = await store.GetPreviousCompletedBuildAsync("broken", int.MaxValue, TestContext.Current.CancellationToken);
            Assert.Equal((1, BuildResult.Failure), (recorded?.Number, recorded?.Result));
        }
        finally
        {
            Directory.Delete(project, true);
        }
    }
}
