using System.Collections.Immutable;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Delivery.Routing;
using ContainerCd.Runtime.Delivery.Steps;
using ContainerCd.Runtime.Docker.Pipeline;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Testing;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>
/// Docker operations follow the engine of the agent they run on: the delivery steps, which act on this server's engine
/// and router, are refused on an isolated engine's agent and on a remote node; the docker global's CLI commands are
/// refused on a remote node (its agents reach no engine); <c>inside</c> on an agent of another engine that cannot start
/// containers in it is refused, never started on this machine's engine.
/// Each refusal names the step and the agent, fails the build, and touches nothing (no engine call, no shell command).
/// </summary>
public class AgentEngineStepTests
{
    public static TheoryData<string, AgentEngine> DeliverySteps => new()
    {
        { "composeDeploy file: 'compose.yml', project: 'shop'", AgentEngine.Isolated },
        { "composeDeploy file: 'compose.yml', project: 'shop'", AgentEngine.RemoteNode },
        { "setTrafficWeights project: 'shop', weights: [blue: 90, green: 10]", AgentEngine.Isolated },
        { "setTrafficWeights project: 'shop', weights: [blue: 90, green: 10]", AgentEngine.RemoteNode },
        { "promote project: 'shop'", AgentEngine.Isolated },
        { "promote project: 'shop'", AgentEngine.RemoteNode },
        { "rollback project: 'shop'", AgentEngine.Isolated },
        { "rollback project: 'shop'", AgentEngine.RemoteNode },
        { "composeDown project: 'shop'", AgentEngine.Isolated },
        { "composeDown project: 'shop'", AgentEngine.RemoteNode },
    };

    public static TheoryData<string, string> DockerCommands => new()
    {
        { "docker.build('shop:1')", "docker.build" },
        { "docker.image('busybox').run('', 'sleep 1')", "docker.image('busybox').run" },
        { "docker.image('busybox').withRun { c -> echo 'body' }", "docker.image('busybox').withRun" },
        { "docker.image('busybox').push('2')", "docker.image('busybox').push" },
        { "docker.image('busybox').pull()", "docker.image('busybox').pull" },
        { "docker.image('busybox').tag('2')", "docker.image('busybox').tag" },
    };

    [Theory]
    [MemberData(nameof(DeliverySteps))]
    public async Task DeliveryStep_OnAnAgentOfAnotherEngine_IsRefusedNamingStepAndAgent_AndTouchesNoEngine(string step, AgentEngine engine)
    {
        // Given an agent whose Docker engine is not this server's, and delivery steps wired to this server's engine
        var compose = new UntouchableComposeEngine();
        var router = new UntouchableRouter();
        var name = step[..step.IndexOf(' ', StringComparison.Ordinal)];
        using var runner = new PipelineRunner { HostProvider = new FakeAgentProvider { Engine = engine } };

        // When a stage on it runs the step
        var (result, log, _) = await runner.RunAsync(Pipeline($"writeFile file: 'compose.yml', text: 'services: {{}}'\n{step}"),
            adjust: r => r with { Extensions = [new DeliveryPipelineExtension(compose, router)] });

        // Then the build fails with the refusal, and neither the engine nor the router was called
        Assert.True(result == BuildResult.Failure, log);
        var expected = engine == AgentEngine.Isolated ? DiagnosticCatalog.DeliveryOnIsolatedAgentMessage(name, "fake") : DiagnosticCatalog.DeliveryOnRemoteNodeMessage(name, "fake");
        Assert.Contains("ERROR: " + expected, log, StringComparison.Ordinal);
        Assert.Equal((0, 0), (compose.Calls, router.Calls));
        Assert.EndsWith("Finished: FAILURE", log.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliveryStep_OnThisServersEngine_ReachesTheEngine()
    {
        // Given an agent on this server's engine
        var compose = new UntouchableComposeEngine();
        using var runner = new PipelineRunner { HostProvider = new FakeAgentProvider() };

        // When a stage on it runs promote
        var (result, log, _) = await runner.RunAsync(Pipeline("promote project: 'shop'"),
            adjust: r => r with { Extensions = [new DeliveryPipelineExtension(compose, new UntouchableRouter())] });

        // Then the step goes to the engine (which this fake answers with a failure)
        Assert.True(result == BuildResult.Failure, log);
        Assert.Contains(UntouchableComposeEngine.Message, log, StringComparison.Ordinal);
        Assert.True(compose.Calls > 0);
    }

    [Theory]
    [MemberData(nameof(DockerCommands))]
    public async Task DockerCommand_OnARemoteNode_IsRefusedNamingTheNode_AndRunsNoShell(string script, string operation)
    {
        // Given a remote node's agent
        var provider = new FakeAgentProvider { Engine = AgentEngine.RemoteNode };
        using var runner = new PipelineRunner { HostProvider = provider };

        // When a stage on it runs a docker global command
        var (result, log, _) = await runner.RunAsync(Pipeline($"script {{ {script} }}"), adjust: r => r with { Extensions = [DockerPipelineExtension.Instance] });

        // Then it is refused by name, and no docker command ran on the agent
        Assert.True(result == BuildResult.Failure, log);
        Assert.Contains("ERROR: " + DiagnosticCatalog.DockerCommandOnRemoteNodeMessage(operation, "fake"), log, StringComparison.Ordinal);
        Assert.Empty(Assert.Single(provider.Agents).Commands);
    }

    [Theory]
    [InlineData(AgentEngine.ThisMachine)]
    [InlineData(AgentEngine.Isolated)]
    public async Task DockerBuild_OnThisMachineOrAnIsolatedAgent_RunsTheDockerCli_WhichReachesTheAgentsEngine(AgentEngine engine)
    {
        // Given an agent on this machine's engine, or one whose steps reach the build's own engine (DOCKER_HOST)
        var provider = new FakeAgentProvider { Engine = engine };
        using var runner = new PipelineRunner { HostProvider = provider };

        // When a stage on it runs docker.build
        var (result, log, _) = await runner.RunAsync(Pipeline("script { docker.build('shop:1') }"), adjust: r => r with { Extensions = [DockerPipelineExtension.Instance] });

        // Then the docker CLI runs as a sh step on that agent
        Assert.True(result == BuildResult.Success, log);
        Assert.Equal("docker build -t shop:1 .", Assert.Single(Assert.Single(provider.Agents).Commands).Script);
    }

    [Theory]
    [InlineData("docker.image('busybox').inside { sh 'true' }")]
    [InlineData("withDockerContainer(image: 'busybox') { sh 'true' }")]
    public async Task Inside_OnAnAgentOfAnotherEngineThatStartsNoContainers_IsRefused_NeverStartedOnThisMachinesEngine(string script)
    {
        // Given an agent that says its engine is the build's isolated one but cannot start containers in it (no IContainerNode),
        // and a provider of this machine's container agents
        var provider = new FakeAgentProvider { Engine = AgentEngine.Isolated };
        var containers = new FakeAgentProvider(canStart: spec => spec is ContainerAgentSpec);
        using var runner = new PipelineRunner { HostProvider = provider };

        // When a stage on it runs an image's body
        var (result, log, _) = await runner.RunAsync(Pipeline($"script {{ {script} }}"),
            adjust: r => r with { Extensions = [DockerPipelineExtension.Instance], Agents = [.. r.Agents, containers] });

        // Then it is refused naming the image and the agent, and this machine's provider was never asked
        Assert.True(result == BuildResult.Failure, log);
        Assert.Contains("ERROR: " + DiagnosticCatalog.ContainerBesideForeignAgentMessage("busybox", "fake"), log, StringComparison.Ordinal);
        Assert.Empty(containers.Requests);
        Assert.Empty(Assert.Single(provider.Agents).Commands);
    }

    private static string Pipeline(string steps) => $"pipeline {{ agent any\n stages {{ stage('s') {{ steps {{\n{steps}\n }} }} }} }}";

    /// <summary>A compose engine that counts and refuses every call: a refused step must not reach it.</summary>
    private sealed class UntouchableComposeEngine : IComposeEngine
    {
        public const string Message = "the compose engine was called";
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        private InvalidOperationException Touched()
        {
            Interlocked.Increment(ref _calls);
            return new InvalidOperationException(Message);
        }

        public Task<ImmutableDictionary<string, string>> PrepareImagesAsync(ComposeFile file, string templateDirectory, Action<string> log, CancellationToken cancellationToken) => throw Touched();

        public Task EnsureProjectAsync(string project, ComposeFile file, CancellationToken cancellationToken) => throw Touched();

        public Task<DeployedContainer> StartAsync(string project, ComposeFile file, ComposeService service, ReplicaSlot slot, string image, CancellationToken cancellationToken) => throw Touched();

        public Task<HealthWait> WaitHealthyAsync(DeployedContainer container, TimeSpan timeout, CancellationToken cancellationToken) => throw Touched();

        public Task<HealthWait> MonitorAsync(DeployedContainer container, TimeSpan window, CancellationToken cancellationToken) => throw Touched();

        public Task<IReadOnlyList<DeployedContainer>> ListAsync(string project, CancellationToken cancellationToken) => throw Touched();

        public Task StopAsync(DeployedContainer container, CancellationToken cancellationToken) => throw Touched();

        public Task<DeployedContainer> RestartAsync(DeployedContainer container, CancellationToken cancellationToken) => throw Touched();

        public Task RemoveAsync(DeployedContainer container, CancellationToken cancellationToken) => throw Touched();

        public Task RemoveNetworksAsync(string project, CancellationToken cancellationToken) => throw Touched();
    }

    /// <summary>A router that counts and refuses every call.</summary>
    private sealed class UntouchableRouter : IRouterControl
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        private InvalidOperationException Touched()
        {
            Interlocked.Increment(ref _calls);
            return new InvalidOperationException("the router was called");
        }

        public Task<RouteStatus> ApplyAsync(RouteTable table, CancellationToken cancellationToken) => throw Touched();

        public Task<RouteStatus?> GetAsync(int publicPort, CancellationToken cancellationToken) => throw Touched();

        public Task<IReadOnlyList<RouteStatus>> ListAsync(CancellationToken cancellationToken) => throw Touched();

        public Task<bool> WaitHealthyAsync(int publicPort, string pool, TimeSpan timeout, CancellationToken cancellationToken) => throw Touched();

        public Task RemoveAsync(int publicPort, CancellationToken cancellationToken) => throw Touched();
    }
}
