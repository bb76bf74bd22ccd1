using ContainerCd.Router.Tests.Support;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Router.Tests;

/// <summary>The router process in front of real containers (busybox httpd) reached at their bridge IPs.</summary>
public sealed class ContainerSwitchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BlueGreen_ContainersUnderAClientLoop_NoFailedRequestAndGreenAfterTheSwitch()
    {
        var unavailable = await HttpdContainer.UnavailableAsync();
        Assert.SkipWhen(unavailable is not null && !MustRun, unavailable ?? "");
        Assert.Null(unavailable);

        // Given: the router process serving blue, and a client sending one request after the other (busybox httpd, one
        // process per connection with an accept backlog of 9, stalls under an open 200 requests/s loop on a loaded
        // machine, directly as through the router: that rate is proven on Kestrel backends in SwitchTests)
        using var processes = new RouterProcesses();
        using var router = processes.Client();
        await using var blue = await HttpdContainer.StartAsync("blue");
        await using var green = await HttpdContainer.StartAsync("green");
        var port = Ports.Free();
        var check = new RouteHealthCheck("/", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
        var table = new RouteTable("shop", "web", "127.0.0.1", port, [new BackendPool("blue", 100, [blue.Address])], check, TimeSpan.FromSeconds(10));
        await router.ApplyAsync(table, Ct);
        Assert.True(await router.WaitHealthyAsync(port, "blue", TimeSpan.FromSeconds(30), Ct));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        using var load = new LoadLoop();
        var loop = load.RunOneByOneAsync(client);
        await WaitUntilAsync(() => load.Started >= 50);

        // When: green beside blue at weight 0, proven healthy, then the switch; blue is stopped once drained
        await router.ApplyAsync(table with { Pools = [.. table.Pools, new BackendPool("green", 0, [green.Address])] }, Ct);
        Assert.True(await router.WaitHealthyAsync(port, "green", TimeSpan.FromSeconds(30), Ct));
        await router.ApplyAsync(table with { Pools = [new BackendPool("green", 100, [green.Address])] }, Ct);
        var switched = load.Started;
        await blue.StopAsync();
        await WaitUntilAsync(() => load.Started >= switched + 50);
        load.Stop();
        await loop;

        // Then
        Assert.True(load.Failed.Count == 0, $"{load.Failed.Count} of {load.Answers.Count} failed (switch at {switched}): {string.Join(", ", load.Failed.Take(5))}; router.log:\n{string.Join('\n', File.ReadLines(processes.Paths.Log).Select(l => l.Length > 300 ? l[..300] : l))}");
        Assert.Contains(load.Answers, a => a.Body == "blue");
        Assert.All(load.Answers.Where(a => a.Sequence > switched), a => Assert.Equal("green", a.Body));
        var status = await router.GetAsync(port, Ct);
        Assert.Equal(green.Address, Assert.Single(status!.Backends).Address);
    }

    private static bool MustRun =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("CONTAINERCD_REQUIRE_DOCKER") == "1";

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(condition(), "the condition did not hold within 30 s");
    }
}
