using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// A real <c>containercd run</c> process sent SIGTERM or SIGINT (Ctrl-C) in the middle of a step: the build is
/// aborted as Jenkins aborts it (post conditions run, <c>Finished: ABORTED</c>, the ABORTED exit code), and
/// every process and container of the build is gone when the process has exited. A second signal forces the exit.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class RunSignalTests(DockerFixture docker) : IDisposable
{
    private const int AbortedExitCode = 4;
    private readonly string _directory = Directory.CreateTempSubdirectory("containercd-signal-test-").FullName;
    private readonly string _mark = Guid.NewGuid().ToString("N");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Job => "signal-" + _mark[..12];

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Signal_OnTheHostAgent_AbortsTheBuildRunsPostAndLeavesNoProcess(string signal)
    {
        // Given a build whose step (and a daemon it started) runs on this host
        var run = Start($$"""
            pipeline {
                agent any
                environment { SIGNAL_TEST_MARK = '{{_mark}}' }
                stages {
                    stage('Long') {
                        steps { sh 'nohup sleep 3001 >/dev/null 2>&1 & echo "step started"; sleep 3000' }
                        post { always { echo 'stage post: always' }
                               aborted { echo 'stage post: aborted' } }
                    }
                    stage('After') { steps { echo 'after ran' } }
                }
                post {
                    always { echo 'post: always' }
                    aborted { echo 'post: aborted' }
                    failure { echo 'post: failure' }
                    cleanup { echo 'post: cleanup' }
                }
            }
            """);
        await run.WaitForLineAsync("step started");
        Assert.NotEmpty(ProcessesWithMark());

        // When
        await SendAsync(run.Process, signal);
        await run.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Then
        var leftovers = ProcessesWithMark();
        var log = run.Stdout;
        Assert.True(run.Process.ExitCode == AbortedExitCode, $"exit code {run.Process.ExitCode}\n{log}\n{run.Stderr}");
        Assert.Empty(leftovers);
        Assert.Contains($"Aborted by SIG{signal}\n", log, StringComparison.Ordinal);
        AssertInOrder(log, "stage post: always", "stage post: aborted", "Stage \"After\" skipped", "post: always", "post: aborted", "post: cleanup");
        Assert.DoesNotContain("after ran", log, StringComparison.Ordinal);
        Assert.DoesNotContain("post: failure", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: ABORTED\n", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Signal_OnADockerAgent_RunsPostInTheContainer_ThenRemovesItsContainersBeforeExiting(string signal)
    {
        docker.RequireEngine();
        // Given a build on a docker agent whose step also started a container through the pass-through
        var run = Start($$"""
            pipeline {
                agent { docker { image '{{docker.BaseImage}}' } }
                stages {
                    stage('Long') {
                        steps { sh 'docker run -d {{docker.BaseImage}} sleep 1000; echo "step started"; sleep 3000' }
                    }
                }
                post {
                    aborted { sh 'echo "post: aborted, in $(hostname)"' }
                    cleanup { echo 'post: cleanup' }
                }
            }
            """);
        await run.WaitForLineAsync("step started");
        Assert.Equal(2, await ContainerCountAsync());

        // When
        await SendAsync(run.Process, signal);
        await run.WaitForExitAsync(TimeSpan.FromSeconds(90));

        // Then: nothing is left the moment the process is gone
        var left = await ContainerCountAsync();
        var log = run.Stdout;
        Assert.True(run.Process.ExitCode == AbortedExitCode, $"exit code {run.Process.ExitCode}\n{log}\n{run.Stderr}");
        Assert.Equal(0, left);
        Assert.Matches("post: aborted, in [0-9a-f]{12}\n", log);
        AssertInOrder(log, "post: aborted, in", "post: cleanup");
        Assert.EndsWith("Finished: ABORTED\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondSignal_WhilePostHangs_ForcesTheExit_AndStillRemovesEverything()
    {
        docker.RequireEngine();
        var run = Start($$"""
            pipeline {
                agent { docker { image '{{docker.BaseImage}}' } }
                stages { stage('Long') { steps { sh 'echo "step started"; sleep 3000' } } }
                post { aborted { sh 'echo "post hangs"; sleep 3000' } }
            }
            """);
        await run.WaitForLineAsync("step started");
        await SendAsync(run.Process, "TERM");
        await run.WaitForLineAsync("post hangs");
        Assert.Equal(1, await ContainerCountAsync());

        await SendAsync(run.Process, "INT");
        await run.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var left = await ContainerCountAsync();
        Assert.True(run.Process.ExitCode == AbortedExitCode, $"exit code {run.Process.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.Equal(0, left);
        Assert.Contains("forcing the exit", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("Finished: ABORTED\n", run.Stdout, StringComparison.Ordinal);
    }

    private RunProcess Start(string jenkinsfile)
    {
        File.WriteAllText(Path.Combine(_directory, "Jenkinsfile"), jenkinsfile);
        return RunProcess.Start(_directory, Job, Path.Combine(_directory, "home"));
    }

    /// <summary>SIGINT goes to the process group, as a terminal's Ctrl-C does; other signals to the process, as kill does.</summary>
    private static async Task SendAsync(Process process, string signal)
    {
        var target = (signal == "INT" ? "-" : "") + process.Id.ToString(CultureInfo.InvariantCulture);
        using var kill = Process.Start("kill", [$"-{signal}", "--", target])!;
        await kill.WaitForExitAsync(Token);
    }

    /// <summary>Processes on this host whose environment carries this test's mark (every step process of the build).</summary>
    private List<int> ProcessesWithMark()
    {
        var needle = Encoding.ASCII.GetBytes("SIGNAL_TEST_MARK=" + _mark);
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllBytes(Path.Combine(directory, "environ")).AsSpan().IndexOf(needle) >= 0
                    && !File.ReadAllText(Path.Combine(directory, "stat")).Contains(") Z ", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    private async Task<int> ContainerCountAsync() =>
        (await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Job}={Job}"] = true } },
        }, Token)).Count;

    private static void AssertInOrder(string log, params string[] texts)
    {
        var position = 0;
        foreach (var text in texts)
        {
            var found = log.IndexOf(text, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{text}' missing (or out of order) in\n{log}");
            position = found + text.Length;
        }
    }

    public void Dispose()
    {
        foreach (var pid in ProcessesWithMark())
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
