using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Docker.Tests.Delivery;

/// <summary>
/// <c>strategy: 'rolling'</c> of a running project of three replicas, with real containers, the real router process
/// and the client loop on 127.0.0.1 (<see cref="DeliveryLoad"/>): every test asserts 0 failed requests.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class RollingUpdateTests(DockerFixture docker) : IAsyncLifetime
{
    private RoutedDeployment _deployment = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        docker.RequireEngine();
        _deployment = new RoutedDeployment(docker);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_deployment is not null)
        {
            await _deployment.DisposeAsync();
        }
    }

    /// <summary>The project's running containers as pool-replica.</summary>
    private async Task<List<string>> PoolsAsync() =>
        [.. (await _deployment.Engine.ListAsync(_deployment.Project, Token)).Where(c => c.Running).Select(c => $"{c.Pool}-{c.Replica}")];

    private async Task<DeploymentException> FailingRolloutAsync(Func<Task> rollout, string expectedVersions)
    {
        using var client = DeliveryLoad.Client(_deployment.Port);
        DeploymentException? error = null;
        using var load = await DeliveryLoad.UnderLoadAsync(client, async () => error = await Assert.ThrowsAsync<DeploymentException>(rollout), Token);
        Assert.Empty(load.Failed);
        Assert.All(load.Answers.TakeLast(DeliveryLoad.Rate), a => Assert.Contains(a.Body.Trim(), expectedVersions, StringComparison.Ordinal));
        return error!;
    }

    [Fact]
    public async Task Rolling_ThreeReplicasStartFirst_UnderLoad_NoFailedRequestAndEveryAnswerNewAtTheEnd()
    {
        await _deployment.DeployAsync("v1", DeployStrategy.Rolling, Token);
        using var client = DeliveryLoad.Client(_deployment.Port);

        using var load = await DeliveryLoad.UnderLoadAsync(client, () => _deployment.DeployAsync("v2", DeployStrategy.Rolling, Token,
            deploy: "update_config: { parallelism: 1, delay: 200ms, order: start-first, monitor: 1s }"), Token);

        Assert.Empty(load.Failed);
        Assert.Contains(load.Answers, a => a.Body.Trim() == "v1");
        Assert.All(load.Answers.TakeLast(DeliveryLoad.Rate), a => Assert.Equal("v2", a.Body.Trim()));
        Assert.Equal(["green-1", "green-2", "green-3"], await PoolsAsync());
        var table = (await _deployment.Router.GetAsync(_deployment.Port, Token))!.Table;
        Assert.Equal(("green", 100, 3), Assert.Single(table.Pools, p => p.Weight > 0) is var pool ? (pool.Name, pool.Weight, pool.Backends.Count) : default);
        var events = _deployment.Report.Events;
        var rolling = events.Skip(events.FindLastIndex(e => e.Phase == DeploymentPhase.Started)).ToList();
        var steps = rolling.Where(e => e.Phase == DeploymentPhase.WeightsChanged).Select(e => e.Weights.GetValueOrDefault("green")).ToList();
        Assert.Equal([33, 67, 100], steps);
        Assert.Equal(DeploymentPhase.Succeeded, _deployment.Report.Events[^1].Phase);
        var lines = _deployment.Report.Lines;
        Assert.True(lines.IndexOf($"{_deployment.Project}-web-green-1 is healthy") < lines.IndexOf($"Stopped {_deployment.Project}-web-blue-1"), string.Join("\n", lines));
    }

    [Fact]
    public async Task Rolling_NewVersionNeverHealthy_StopFirstRollback_OldVersionServesEverythingAgain()
    {
        await _deployment.DeployAsync("v1", DeployStrategy.Rolling, Token);

        var error = await FailingRolloutAsync(() => _deployment.DeployAsync("v2", DeployStrategy.Rolling, Token, healthPath: "/missing",
            deploy: "update_config: { parallelism: 1, order: stop-first, failure_action: rollback }"), "v1");

        Assert.Contains("rolling update of " + _deployment.Project + " to green failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("is unhealthy", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains("rolled back: all traffic is on blue again", StringComparison.Ordinal), error.Message);
        Assert.Equal(["blue-1", "blue-2", "blue-3"], (await _deployment.Engine.ListAsync(_deployment.Project, Token)).Select(c => $"{c.Pool}-{c.Replica}"));
        Assert.Contains($"Started {_deployment.Project}-web-blue-1 again", string.Join("\n", _deployment.Report.Lines), StringComparison.Ordinal);
        var table = (await _deployment.Router.GetAsync(_deployment.Port, Token))!.Table;
        Assert.Equal(("blue", 100, 3), Assert.Single(table.Pools) is var pool ? (pool.Name, pool.Weight, pool.Backends.Count) : default);
        Assert.Equal(DeploymentPhase.Failed, _deployment.Report.Events[^1].Phase);
    }

    [Fact]
    public async Task Rolling_NewReplicaKilledWhileAwaitingHealth_RollsBackTheReplacedOnesAndComposeDownLeavesNothing()
    {
        await _deployment.DeployAsync("v1", DeployStrategy.Rolling, Token);
        var second = $"{_deployment.Project}-web-green-2";
        _deployment.Report.Observer = line =>
        {
            if (line.StartsWith($"Started {second} ", StringComparison.Ordinal))
            {
                _deployment.KillAsync(second).GetAwaiter().GetResult();
            }
        };

        var error = await FailingRolloutAsync(() => _deployment.DeployAsync("v2", DeployStrategy.Rolling, Token,
            deploy: "update_config: { parallelism: 1, order: start-first, failure_action: rollback }"), "v1");

        Assert.Contains($"{second} exited with code", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains("rolled back: all traffic is on blue again", StringComparison.Ordinal), error.Message);
        Assert.Contains($"Removed {_deployment.Project}-web-green-1", _deployment.Report.Lines);
        Assert.Equal(["blue-1", "blue-2", "blue-3"], await PoolsAsync());
        using var client = DeliveryLoad.Client(_deployment.Port);
        Assert.Equal("v1", (await client.GetStringAsync("/", Token)).Trim());

        await _deployment.Deployer.DownAsync(_deployment.Project, Token);

        Assert.Empty(await _deployment.DockerContainersAsync(Token));
        Assert.Null(await _deployment.Router.GetAsync(_deployment.Port, Token));
    }

    [Fact]
    public async Task Rolling_ReplicaKilledInTheMonitorWindow_FailureActionPause_StopsAtOneOfThreeWithBothVersionsServing()
    {
        await _deployment.DeployAsync("v1", DeployStrategy.Rolling, Token);
        var second = $"{_deployment.Project}-web-green-2";
        _deployment.Report.Observer = line =>
        {
            if (line.StartsWith($"Watching {second} ", StringComparison.Ordinal))
            {
                _deployment.KillAsync(second).GetAwaiter().GetResult();
            }
        };

        var error = await FailingRolloutAsync(() => _deployment.DeployAsync("v2", DeployStrategy.Rolling, Token,
            deploy: "update_config: { parallelism: 1, order: stop-first, monitor: 5s, failure_action: pause }"), "v1 v2");

        Assert.Contains($"{second} exited with code", error.Message, StringComparison.Ordinal);
        Assert.Contains("the rollout is paused at 1 of 3 replicas (1 run green, the others blue)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["blue-2", "blue-3", "green-1"], await PoolsAsync());
        Assert.Contains(await _deployment.Engine.ListAsync(_deployment.Project, Token), c => c is { Pool: "blue", Replica: 1, Running: false });
        var table = (await _deployment.Router.GetAsync(_deployment.Port, Token))!.Table;
        Assert.Equal(["blue 67 2", "green 33 1"], table.Pools.Select(p => $"{p.Name} {p.Weight} {p.Backends.Count}"));

        await _deployment.Deployer.DownAsync(_deployment.Project, Token);

        Assert.Empty(await _deployment.DockerContainersAsync(Token));
    }
}
