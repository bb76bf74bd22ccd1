using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Shell;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// A step followed by an epilogue in the same shell and round trip (what a remote node's listing uses): the step's
/// output and result are as without it, the epilogue's output comes back apart, and the shell runs the next step.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class StepEpilogueTests(DockerFixture docker) : IDisposable
{
    private readonly AgentScope _scope = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExecuteAsync_WithAnEpilogue_GivesTheStepsResultAndTheEpiloguesOutputApart(bool capture)
    {
        // Given an agent whose steps run in subshells, as a remote node's do (no step workers there), and an epilogue
        // printing 20,000 lines (many chunks of the stream) that ends with status 3
        docker.RequireEngine();
        await using var provider = new DockerAgentProvider(docker.Engine, DockerAgentOptions.Default with { StepWorkers = false, SweepAtStart = false });
        await using var agent = (DockerAgent)await provider.StartAsync(_scope.Request(docker.BaseImage), new CollectingOutput(), Token);
        var epilogue = new StepEpilogue("__t() {\nseq 20000\necho to-stderr >&2\nreturn 3\n}\n__t");
        var output = new CollectingOutput();

        // When a step prints on stdout and stderr and fails
        var result = await agent.ExecuteAsync(_scope.Sh("echo out; echo err >&2; exit 7", capture), output, epilogue, Token);

        // Then the step's result is its own, the epilogue's output and status come apart (its stderr dropped)
        Assert.Equal(7, result.ExitCode);
        Assert.Equal(string.Concat(Enumerable.Range(1, 20000).Select(i => $"{i}\n")), epilogue.Output);
        Assert.Equal(3, epilogue.ExitCode);
        if (capture)
        {
            Assert.Equal("out\n", result.Stdout);
            Assert.Equal("+ echo out\n+ echo err\nerr\n+ exit 7\n", output.Text);
        }
        else
        {
            Assert.Equal("+ echo out\nout\n+ echo err\nerr\n+ exit 7\n", output.Text);
        }

        // And the same shell runs the next step with nothing of the epilogue in it
        var next = await agent.ExecuteAsync(_scope.Sh("echo next", capture: true), new CollectingOutput(), Token);
        Assert.Equal("next\n", next.Stdout);
    }

    public void Dispose() => _scope.Dispose();
}
