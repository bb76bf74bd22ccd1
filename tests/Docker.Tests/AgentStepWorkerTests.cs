using System.Globalization;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Images;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// Step workers in a running agent (Runtime/Docker/Shell/StepWorkerLoop): the shell that runs a step was forked while
/// the agent was idle, before the step arrived, and the step still ends as a fresh <c>sh -xe</c> of its own. The rest
/// of a step's behaviour is <see cref="AgentStepTests"/>' (which run with step workers, the default).
/// </summary>
[Collection(DockerTests.Name)]
public sealed class AgentStepWorkerTests(DockerFixture docker) : IDisposable
{
    /// <summary>Clock ticks (USER_HZ, 100 a second) between the step's shell's start and a process the step starts.</summary>
    private const string ShellAge = "echo $(( $(cut -d' ' -f22 /proc/self/stat) - $(cut -d' ' -f22 /proc/$$/stat) ))";

    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(3);

    private readonly AgentScope _scope = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExecuteAsync_AgentIdleBeforeTheStep_TheStepsShellWasForkedBeforeItArrived()
    {
        // Given
        docker.RequireEngine();
        await using var agent = await docker.Provider.StartAsync(_scope.Request(docker.BaseImage), new CollectingOutput(), Token);
        await agent.ExecuteAsync(_scope.Sh("true"), new CollectingOutput(), Token);

        // When
        await Task.Delay(Idle, Token);
        var age = await agent.ExecuteAsync(_scope.Sh(ShellAge, capture: true), new CollectingOutput(), Token);

        // Then: forked right after the first step, about 3 s (300 ticks) before the second arrived.
        Assert.True(int.Parse(age.Stdout!.Trim(), CultureInfo.InvariantCulture) >= 100, $"the step's shell is {age.Stdout.Trim()} ticks old");
    }

    [Fact]
    public async Task ExecuteAsync_StepWorkersOff_TheStepsShellIsForkedWhenItArrives()
    {
        // Given
        docker.RequireEngine();
        await using var provider = new DockerAgentProvider(docker.Engine, DockerAgentOptions.Default with { StepWorkers = false, SweepAtStart = false });
        await using var agent = await provider.StartAsync(_scope.Request(docker.BaseImage), new CollectingOutput(), Token);
        await agent.ExecuteAsync(_scope.Sh("true"), new CollectingOutput(), Token);

        // When
        await Task.Delay(Idle, Token);
        var age = await agent.ExecuteAsync(_scope.Sh(ShellAge, capture: true), new CollectingOutput(), Token);

        // Then
        Assert.True(int.Parse(age.Stdout!.Trim(), CultureInfo.InvariantCulture) < 100, $"the step's shell is {age.Stdout.Trim()} ticks old");
    }

    [Fact]
    public async Task ExecuteAsync_DebianAgent_DashRunsTheWorkersWithTheSameSteps()
    {
        // Given: Debian's /bin/sh is dash (containercd images bootstrap --debian).
        docker.RequireEngine();
        Assert.SkipWhen(!await ImageExistsAsync(BaseImages.Debian), $"no {BaseImages.Debian} (containercd images bootstrap --debian)");
        await using var agent = await docker.Provider.StartAsync(_scope.Request(BaseImages.Debian), new CollectingOutput(), Token);
        var output = new CollectingOutput();
        await agent.ExecuteAsync(_scope.Sh("true"), new CollectingOutput(), Token);

        // When
        var failing = await agent.ExecuteAsync(_scope.Sh("echo before\nexit 42\necho never", env: new Dictionary<string, string> { ["ONLY"] = "x" }), output, Token);
        await Task.Delay(Idle, Token);
        var age = await agent.ExecuteAsync(_scope.Sh(ShellAge + "; echo \"[$ONLY]\"", capture: true), new CollectingOutput(), Token);

        // Then
        Assert.Equal(42, failing.ExitCode);
        Assert.Equal("+ echo before\nbefore\n+ exit 42\n", output.Text);
        var lines = age.Stdout!.Split('\n');
        Assert.True(int.Parse(lines[0], CultureInfo.InvariantCulture) >= 100, $"the step's shell is {lines[0]} ticks old");
        Assert.Equal("[]", lines[1]);
    }

    private async Task<bool> ImageExistsAsync(string image)
    {
        var found = await docker.Engine.Client.Images.ListImagesAsync(new ImagesListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [image] = true } } }, Token);
        return found.Count > 0;
    }

    public void Dispose() => _scope.Dispose();
}
