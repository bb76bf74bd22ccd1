using ContainerCd.Runtime.Agents;

namespace ContainerCd.Docker.Tests;

[Collection(DockerTests.Name)]
public sealed class AgentStepTests(DockerFixture docker) : IDisposable
{
    private readonly AgentScope _scope = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<IAgent> StartAsync(string? args = null)
    {
        docker.RequireEngine();
        return await docker.Provider.StartAsync(_scope.Request(docker.BaseImage, args), new CollectingOutput(), Token);
    }

    [Fact]
    public async Task ExecuteAsync_FailingScript_ReturnsExactExitCodeAndTrace()
    {
        // Given
        await using var agent = await StartAsync();
        var output = new CollectingOutput();

        // When
        var result = await agent.ExecuteAsync(_scope.Sh("echo before\nexit 42\necho never"), output, Token);

        // Then
        Assert.Equal(42, result.ExitCode);
        Assert.Null(result.Stdout);
        Assert.Equal("+ echo before\nbefore\n+ exit 42\n", output.Text);
    }

    [Fact]
    public async Task ExecuteAsync_ErrexitLikeJenkins_StopsAtFirstFailingCommand()
    {
        await using var agent = await StartAsync();
        var output = new CollectingOutput();

        var result = await agent.ExecuteAsync(_scope.Sh("false\necho unreachable"), output, Token);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("unreachable\n", output.Text.Replace("+ echo unreachable", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_CaptureStdout_ReturnsStdoutExactlyAndLogsStderr()
    {
        await using var agent = await StartAsync();
        var output = new CollectingOutput();

        var result = await agent.ExecuteAsync(_scope.Sh("printf 'a b\\n\\nc'; echo warn >&2", capture: true), output, Token);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a b\n\nc", result.Stdout);
        Assert.Contains("warn\n", output.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("a b", output.Text.Replace("+ printf 'a b", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_OutputWithoutTrailingNewline_IsKeptAsIs()
    {
        await using var agent = await StartAsync();
        var output = new CollectingOutput();

        var result = await agent.ExecuteAsync(_scope.Sh("#!/bin/sh\nprintf 'no newline'"), output, Token);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("no newline", output.Text);
    }

    [Fact]
    public async Task ExecuteAsync_EnvironmentAndDirectory_AreTheStepsOwn()
    {
        await using var agent = await StartAsync();
        var sub = Directory.CreateDirectory(Path.Combine(_scope.Workspace, "sub dir")).FullName;
        var env = new Dictionary<string, string>
        {
            ["GREETING"] = "it's \"quoted\" $HOME `x`\nline2",
            ["PATH+TOOLS"] = "/opt/tools/bin",
            ["PATH"] = "/host/path/must/not/leak",
            ["odd.name"] = "dotted",
        };

        var result = await agent.ExecuteAsync(_scope.Sh("pwd; printf '%s|' \"$GREETING\"; echo \"$PATH\"; tr '\\0' '\\n' < /proc/$$/environ | grep '^odd.name='; echo $NODE_VAR", capture: true, dir: sub, env: env), new CollectingOutput(), Token);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout!.Split('\n');
        Assert.Equal(sub, lines[0]);
        Assert.Equal("it's \"quoted\" $HOME `x`", lines[1]);
        Assert.StartsWith("line2|/opt/tools/bin:", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("/host/path", lines[2], StringComparison.Ordinal);
        Assert.Equal("odd.name=dotted", lines[3]);
        Assert.Equal("node", lines[4]);
    }

    [Fact]
    public async Task ExecuteAsync_StepsDoNotLeakIntoEachOther()
    {
        await using var agent = await StartAsync();

        await agent.ExecuteAsync(_scope.Sh("export LEAK=1; cd /; X=2", env: new Dictionary<string, string> { ["ONLY_FIRST"] = "1" }), new CollectingOutput(), Token);
        var second = await agent.ExecuteAsync(_scope.Sh("echo \"[$LEAK][$X][$ONLY_FIRST]\"; pwd", capture: true), new CollectingOutput(), Token);

        Assert.Equal($"[][][]\n{_scope.Workspace}\n", second.Stdout);
    }

    [Fact]
    public async Task ExecuteAsync_Workspace_IsTheSamePathOnHostAndInContainer()
    {
        await using var agent = await StartAsync();
        await File.WriteAllTextAsync(Path.Combine(_scope.Workspace, "from-host.txt"), "host", Token);

        var result = await agent.ExecuteAsync(_scope.Sh("cat from-host.txt > from-container.txt; echo -n container >> from-container.txt"), new CollectingOutput(), Token);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hostcontainer", await File.ReadAllTextAsync(Path.Combine(_scope.Workspace, "from-container.txt"), Token));
    }

    [Fact]
    public async Task ExecuteAsync_LongOutput_StreamsBeforeTheStepEnds()
    {
        await using var agent = await StartAsync();
        var output = new CollectingOutput();
        var firstLine = new TaskCompletionSource();
        output.Written += text => { if (text.Contains("first", StringComparison.Ordinal)) { firstLine.TrySetResult(); } };

        var step = agent.ExecuteAsync(_scope.Sh("echo first; sleep 2; echo second"), output, Token).AsTask();
        await firstLine.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.False(step.IsCompleted, "the first line arrived only when the step had ended");
        var result = await step;
        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("second\n", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_LargeOutputAndScript_ArriveComplete()
    {
        await using var agent = await StartAsync();
        var bigScript = "#" + new string('x', 200_000) + "\nseq 1 50000";

        var result = await agent.ExecuteAsync(_scope.Sh(bigScript, capture: true), new CollectingOutput(), Token);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout!.TrimEnd('\n').Split('\n');
        Assert.Equal(50000, lines.Length);
        Assert.Equal("50000", lines[^1]);
    }

    [Fact]
    public async Task ExecuteAsync_ParallelSteps_KeepOutputsAndExitCodesApart()
    {
        await using var agent = await StartAsync();
        var outputs = Enumerable.Range(0, 4).Select(_ => new CollectingOutput()).ToArray();

        var steps = Enumerable.Range(0, 4).Select(i => agent.ExecuteAsync(
            _scope.Sh($"for n in 1 2 3 4 5; do echo branch{i}-$n; sleep 0.1; done; exit {i}", env: new Dictionary<string, string> { ["BRANCH"] = $"{i}" }),
            outputs[i], Token).AsTask()).ToArray();
        var results = await Task.WhenAll(steps);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(i, results[i].ExitCode);
            var own = outputs[i].Text.Split('\n').Where(l => l.StartsWith("branch", StringComparison.Ordinal)).ToArray();
            Assert.Equal(Enumerable.Range(1, 5).Select(n => $"branch{i}-{n}"), own);
        }
    }

    [Fact]
    public async Task ExecuteAsync_Cancelled_KillsTheWholeProcessTreeAndTheAgentStaysUsable()
    {
        await using var agent = await StartAsync();
        using var cancel = new CancellationTokenSource();
        var output = new CollectingOutput();
        output.Written += text => { if (text.Contains("started", StringComparison.Ordinal)) { cancel.Cancel(); } };

        // A child in the background, a daemonised grandchild (reparented to init), and a foreground sleep.
        var step = agent.ExecuteAsync(_scope.Sh("sleep 1001 & (sleep 1002 &) ; echo started; sleep 1003"), output, cancel.Token).AsTask();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => step.WaitAsync(TimeSpan.FromSeconds(30), Token));
        var ps = await agent.ExecuteAsync(_scope.Sh("ps -o args", capture: true), new CollectingOutput(), Token);
        Assert.Equal(0, ps.ExitCode);
        Assert.DoesNotContain("sleep 100", ps.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_MemoryLimitExceeded_ReportsOutOfMemoryKill()
    {
        await using var agent = await StartAsync("--memory 32m --memory-swap 32m");
        var output = new CollectingOutput();

        // tail buffers a newline-free stream whole: it grows until the cgroup's OOM killer ends it.
        var result = await agent.ExecuteAsync(_scope.Sh("head -c 300m /dev/zero | tail > /dev/null"), output, Token);

        Assert.NotEqual(0, result.ExitCode);
        Assert.True(result.OutOfMemoryKilled || output.Text.Contains("OOM", StringComparison.Ordinal), output.Text);
        var after = await agent.ExecuteAsync(_scope.Sh("echo alive", capture: true), new CollectingOutput(), Token);
        Assert.Equal("alive\n", after.Stdout);
    }

    public void Dispose() => _scope.Dispose();
}
