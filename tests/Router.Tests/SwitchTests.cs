using ContainerCd.Router.Tests.Support;

namespace ContainerCd.Router.Tests;

/// <summary>Changing a route under load: switches drop no request, removed backends are drained, dead ones avoided.</summary>
public sealed class SwitchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_BlueToGreenUnderLoad_NoFailedRequestAndEveryLaterAnswerGreen()
    {
        // Given: blue serves, green is started beside it with weight 0 and proven healthy
        await using var router = new InProcessRouter();
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var port = Ports.Free();
        await router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 100, blue)), Ct);
        Assert.True(await router.Service.WaitHealthyAsync(port, "blue", TimeSpan.FromSeconds(20), Ct));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        using var load = new LoadLoop();
        var loop = load.RunAsync(client);
        await WaitUntilAsync(() => load.Started >= 200);
        await router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 100, blue), Tables.Pool("green", 0, green)), Ct);
        Assert.True(await router.Service.WaitHealthyAsync(port, "green", TimeSpan.FromSeconds(20), Ct));

        // When: the switch, blue dropped from the table (drained before Apply returns)
        await router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("green", 100, green)), Ct);
        var switched = load.Started;
        await blue.StopAsync();
        await WaitUntilAsync(() => load.Started >= switched + 200);
        load.Stop();
        await loop;

        // Then
        Assert.Empty(load.Failed);
        Assert.True(load.Answers.Count >= 400, $"{load.Answers.Count} answers");
        Assert.Contains(load.Answers, a => a.Body == "blue");
        Assert.All(load.Answers.Where(a => a.Sequence > switched), a => Assert.Equal("green", a.Body));
    }

    [Fact]
    public async Task Apply_BackendRemovedWithARequestInFlight_ReturnsOnceThatRequestCompleted()
    {
        // Given: a slow request in flight on blue
        await using var router = new InProcessRouter();
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var port = Ports.Free();
        await router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 100, blue), Tables.Pool("green", 0, green)), Ct);
        Assert.True(await router.Service.WaitHealthyAsync(port, "green", TimeSpan.FromSeconds(20), Ct));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        var slow = client.GetStringAsync("/slow", Ct);
        await WaitUntilAsync(() => blue.SlowInFlight == 1);

        // When: blue leaves the table
        var apply = router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("green", 100, green)), Ct);
        await WaitUntilAsync(() => router.Service.Get(port)!.Table.Pools.Count == 1);
        var answersMeanwhile = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answersMeanwhile.Add(await client.GetStringAsync("/", Ct));
        }

        var pendingWhileInFlight = !apply.IsCompleted;
        blue.ReleaseSlow();
        var status = await apply;

        // Then: the change waited for the request in flight, which completed; nothing new went to blue
        Assert.True(pendingWhileInFlight);
        Assert.Equal("blue slow", await slow);
        Assert.All(answersMeanwhile, a => Assert.Equal("green", a));
        Assert.Equal("green", Assert.Single(status.Backends).Pool);
    }

    [Fact]
    public async Task Apply_DrainTimeoutPassed_ReturnsWithTheRequestStillInFlight()
    {
        // Given
        await using var router = new InProcessRouter();
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var port = Ports.Free();
        var table = Tables.Route(port, Tables.Pool("blue", 100, blue), Tables.Pool("green", 0, green)) with { DrainTimeout = TimeSpan.FromMilliseconds(200) };
        await router.Service.ApplyAsync(table, Ct);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        var slow = client.GetStringAsync("/slow", Ct);
        await WaitUntilAsync(() => blue.SlowInFlight == 1);

        // When
        await router.Service.ApplyAsync(table with { Pools = [Tables.Pool("green", 100, green)] }, Ct);

        // Then: it returned though blue still has its request (which completes when blue answers)
        Assert.Equal(1, blue.SlowInFlight);
        blue.ReleaseSlow();
        Assert.Equal("blue slow", await slow);
    }

    [Fact]
    public async Task Request_BackendRefusesConnections_RetriedOnAnotherAndMarkedUnhealthy()
    {
        // Given: two healthy backends, then one of them stops listening between two health checks
        await using var router = new InProcessRouter();
        await using var one = await TestBackend.StartAsync("one");
        await using var two = await TestBackend.StartAsync("two");
        var port = Ports.Free();
        var table = Tables.Route(port, Tables.Pool("blue", 1, one, two)) with
        {
            HealthCheck = Tables.FastCheck with { Interval = TimeSpan.FromMinutes(10) },
        };
        await router.Service.ApplyAsync(table, Ct);
        Assert.True(await router.Service.WaitHealthyAsync(port, "blue", TimeSpan.FromSeconds(20), Ct));
        await one.StopAsync();

        // When: no active check will run in the test's time: only the requests can find out
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await client.GetStringAsync("/", Ct));
        }

        // Then
        Assert.All(answers, a => Assert.Equal("two", a));
        var states = router.Service.Get(port)!.Backends;
        Assert.False(states.Single(b => b.Address == one.Address).Healthy);
        Assert.Equal(10, states.Single(b => b.Address == two.Address).Served);
    }

    [Fact]
    public async Task Remove_Route_StopsListeningAndForgetsIt()
    {
        // Given
        await using var router = new InProcessRouter();
        await using var blue = await TestBackend.StartAsync("blue");
        var port = Ports.Free();
        await router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 1, blue)), Ct);

        // When
        await router.Service.RemoveAsync(port, Ct);

        // Then
        Assert.Null(router.Service.Get(port));
        Assert.Empty(new RouteStore(new RouterPaths(router.Home)).Load((_, _) => { }));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync("/", Ct));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(condition(), "the condition did not hold within 30 s");
    }
}
