using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Agents.Host;

namespace ContainerCd.Runtime.Tests.Engine;

public sealed class HostAgentTests : IDisposable
{
    private readonly string _workspace = Directory.CreateTempSubdirectory("ccd-host-agent-").FullName;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExecuteAsync_ShortOutput_StreamsBeforeTheStepEnds(bool capture)
    {
        // Given a step that prints a short line (shorter than the session's end marker), then waits quietly until the test has seen it
        var agent = new HostAgent("built-in", [], _workspace, new Dictionary<string, string>(), "host-agent-test-" + Guid.NewGuid().ToString("N")[..8]);
        await using var _ = agent;
        var release = Path.Combine(_workspace, "release");
        var output = new Watch("first");
        var script = $"echo first >&2; {{ set +x; }} 2>/dev/null; i=0; while [ ! -e '{release}' ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; echo second";

        // When it runs (the session shell, or a process of its own when stdout is captured)
        var step = agent.ExecuteAsync(new ShellCommand(script, _workspace, new Dictionary<string, string>(), capture), output, TestContext.Current.CancellationToken).AsTask();

        // Then the line arrives while the step still runs
        var first = await Task.WhenAny(output.Seen.Task, step, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        await File.WriteAllTextAsync(release, "", TestContext.Current.CancellationToken);
        var result = await step;
        Assert.True(first == output.Seen.Task, "the output came only at the end of the step: " + output.Text);
        Assert.Equal(0, result.ExitCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workspace, true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Watch(string expected) : IShellOutput
    {
        private readonly System.Text.StringBuilder _text = new();

        public TaskCompletionSource Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public void Write(string text)
        {
            lock (_text)
            {
                _text.Append(text);
                if (_text.ToString().Contains(expected + "\n", StringComparison.Ordinal))
                {
                    Seen.TrySetResult();
                }
            }
        }
    }
}
