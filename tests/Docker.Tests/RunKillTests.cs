using System.Diagnostics;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// A real <c>containercd run</c> killed with -9 in a Docker stage: its containers (the agent's, and one its
/// step started through the pass-through) are gone within 15 s with no other containercd start, while another
/// live run's stay. And every start sweeps what dead processes left, a run with host stages only included.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class RunKillTests(DockerFixture docker) : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("containercd-kill-test-").FullName;
    private readonly string _mark = Guid.NewGuid().ToString("N")[..12];
    private readonly List<RunProcess> _runs = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillDashNine_InADockerStage_ItsContainersAreGoneWithin15s_ALiveRunsStay()
    {
        docker.RequireEngine();

        // Given two runs, each in a docker stage whose step started a container of its own
        var killed = Start("killed");
        var live = Start("live");
        await killed.WaitForLineAsync("step started");
        await live.WaitForLineAsync("step started");
        Assert.Equal(2, await CountAsync("killed"));
        Assert.Equal(2, await CountAsync("live"));

        // When: kill -9 of one, and no other containercd start
        killed.Process.Kill();
        await killed.Process.WaitForExitAsync(Token);
        var clock = Stopwatch.StartNew();
        while (await CountAsync("killed") > 0 && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(250, Token);
        }

        // Then
        Assert.True(await CountAsync("killed") == 0, $"containers of the killed run still there {clock.Elapsed.TotalSeconds:0.0} s after kill -9");
        Assert.Equal(2, await CountAsync("live"));
        Assert.False(live.Process.HasExited, live.Stdout);
    }

    [Fact]
    public async Task HostOnlyRun_SweepsWhatADeadContainercdLeft()
    {
        docker.RequireEngine();

        // Given a container owned by a process that is gone (kill -9 before its agent was armed, or an older version)
        using var dead = Process.Start("true")!;
        await dead.WaitForExitAsync(Token);
        var labels = ResourceLabels.ForScope("dead-" + _mark, Job("dead"), "scope-" + _mark, ResourceLabels.AgentRole);
        labels[ResourceLabels.Owner] = (OwnerIdentity.Current with { Pid = dead.Id, StartTicks = 1 }).ToString();
        var created = await docker.Engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = docker.BaseImage, Cmd = ["sleep", "300"], Labels = labels }, Token);
        await docker.Engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), Token);
        Assert.Equal(1, await CountAsync("dead"));

        // When: a run with host stages only
        var run = Start("host", """
            pipeline {
                agent none
                stages { stage('Host') { steps { echo 'host only' } } }
            }
            """);
        await run.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Then
        Assert.True(run.Process.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(0, await CountAsync("dead"));
    }

    private string Job(string name) => $"kill-{name}-{_mark}";

    private RunProcess Start(string name, string? jenkinsfile = null)
    {
        var directory = Path.Combine(_directory, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Jenkinsfile"), jenkinsfile ?? $$"""
            pipeline {
                agent { docker { image '{{docker.BaseImage}}' } }
                stages {
                    stage('Long') {
                        steps { sh 'docker run -d {{docker.BaseImage}} sleep 1000; echo "step started"; sleep 3000' }
                    }
                }
            }
            """);
        var run = RunProcess.Start(directory, Job(name), Path.Combine(directory, "home"));
        _runs.Add(run);
        return run;
    }

    private async Task<int> CountAsync(string name) =>
        (await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Job}={Job(name)}"] = true } },
        }, Token)).Count;

    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs)
        {
            if (!run.Process.HasExited)
            {
                run.Process.Kill();
                await run.Process.WaitForExitAsync();
            }

            run.Process.Dispose();
        }

        foreach (var name in new[] { "killed", "live", "dead", "host" })
        {
            await new ResourceJanitor(docker.Engine).RemoveWhereAsync(ResourceLabels.Job, Job(name), CancellationToken.None);
        }

        Directory.Delete(_directory, recursive: true);
    }
}
