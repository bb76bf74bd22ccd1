using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Testing;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>
/// Agent kinds are plugins: the first provider of the build's list that takes a spec starts its agent, and every
/// provider releases what the build left when it ends, whatever its end.
/// </summary>
public class AgentProviderTests
{
    private const string DockerStage = "pipeline { agent none\n stages { stage('s') { agent { docker { image 'fake/image:1'; args '-v /a:/b' } }\n steps { sh 'make' } } } }";

    [Fact]
    public async Task ProviderRegisteredForContainers_StartsTheDockerAgent_WithItsSpec()
    {
        // Given a provider of the test's own for container specs, after the host's
        var pods = new FakeAgentProvider(canStart: spec => spec is ContainerAgentSpec);
        using var runner = new PipelineRunner();

        // When a stage asks for a docker agent
        var (result, log, _) = await runner.RunAsync(DockerStage, adjust: WithAgents(Runtime.Agents.Host.HostAgentProvider.Instance, pods));

        // Then that provider starts it, with the directive's image and args, and the step runs there
        Assert.True(result == BuildResult.Success, log);
        var request = Assert.Single(pods.Requests);
        var spec = Assert.IsType<ContainerAgentSpec>(request.Spec);
        Assert.Equal(("fake/image:1", "-v /a:/b"), (spec.Image, spec.Args));
        Assert.Equal("make", Assert.Single(Assert.Single(pods.Agents).Commands).Script);
    }

    [Fact]
    public async Task TwoProvidersTakeTheSpec_TheFirstInTheListStartsIt()
    {
        // Given two providers that both take host specs
        var first = new FakeAgentProvider();
        var second = new FakeAgentProvider();
        using var runner = new PipelineRunner();

        // When the pipeline runs on any agent
        var (result, log, _) = await runner.RunAsync("pipeline { agent any\n stages { stage('s') { steps { sh 'true' } } } }", adjust: WithAgents(first, second));

        // Then the first starts it and the second is not asked
        Assert.True(result == BuildResult.Success, log);
        Assert.IsType<HostAgentSpec>(Assert.Single(first.Requests).Spec);
        Assert.Empty(second.Requests);
    }

    [Theory]
    [InlineData("sh 'make'", BuildResult.Success)]
    [InlineData("error 'boom'", BuildResult.Failure)]
    [InlineData("input 'go?'", BuildResult.Aborted)]
    public async Task BuildEnds_EveryProviderReleasesTheBuild_WhateverItsEnd(string step, BuildResult expected)
    {
        // Given the host's provider and one of the test's own for container specs
        var host = new FakeAgentProvider();
        var pods = new FakeAgentProvider(canStart: spec => spec is ContainerAgentSpec);
        using var runner = new PipelineRunner();

        // When a build on a container agent succeeds, fails, or is aborted (its input answered Abort)
        var (result, log, observer) = await runner.RunAsync(
            $"pipeline {{ agent {{ docker 'fake/image:1' }}\n stages {{ stage('s') {{ steps {{ {step} }} }} }} }}", adjust: WithAgents(host, pods));

        // Then both providers released that build, once, before it was reported finished
        Assert.True(result == expected, log);
        var scope = Assert.Single(pods.Requests).ResourceScope;
        Assert.Equal([scope], pods.Released);
        Assert.Equal([scope], host.Released);
        Assert.IsType<Events.BuildFinished>(observer.Events[^1]);
    }

    [Fact]
    public async Task ReleaseFails_TheBuildKeepsItsResult_NamesTheProvider_AndTheOthersStillRelease()
    {
        // Given a provider whose release fails, before the host's
        var host = new FakeAgentProvider();
        using var runner = new PipelineRunner();

        // When a build ends
        var (result, log, _) = await runner.RunAsync("pipeline { agent any\n stages { stage('s') { steps { sh 'true' } } } }", adjust: WithAgents(new FailingRelease(), host));

        // Then it ends as it was, with a warning naming the provider and the cause, and the host's provider released it
        Assert.Equal(BuildResult.Success, result);
        Assert.Contains("WARNING: FailingRelease could not release the build's resources: engine gone\n", log, StringComparison.Ordinal);
        Assert.Single(host.Released);
        Assert.EndsWith("Finished: SUCCESS\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoProviderTakesTheSpec_TheStageFailsNamingTheKind()
    {
        // Given only a provider of host agents
        using var runner = new PipelineRunner { HostProvider = new FakeAgentProvider() };

        // When a stage asks for a dockerfile agent
        var (result, log, _) = await runner.RunAsync("pipeline { agent { dockerfile true }\n stages { stage('s') { steps { sh 'true' } } } }");

        // Then the build fails with one line saying which kind is missing
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("ERROR: This pipeline asks for a Docker agent, but Docker agents are not available here", log, StringComparison.Ordinal);
    }

    private static Func<BuildRequest, BuildRequest> WithAgents(params IAgentProvider[] agents) => request => request with { Agents = [.. agents] };

    private sealed class FailingRelease : IAgentProvider
    {
        public bool CanStart(AgentSpec spec) => false;

        public ValueTask<IAgent> StartAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("never asked");

        public ValueTask ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken = default) =>
            throw new IOException("engine gone");
    }
}
