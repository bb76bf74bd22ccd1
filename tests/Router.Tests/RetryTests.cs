using ContainerCd.Router.Tests.Support;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Router.Tests;

/// <summary>A request whose first backend fails before any answer reaches the client is sent to another healthy backend.</summary>
public sealed class RetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Request_BackendNotAcceptingConnections_ConnectTimesOutAndAnotherBackendAnswers()
    {
        // Given: two healthy backends; the health checks far apart, so the router still counts the stalled one healthy
        await using var router = new InProcessRouter();
        await using var stalling = new StallingBackend("stalling");
        await using var good = await TestBackend.StartAsync("good");
        var port = Ports.Free();
        var table = new RouteTable("shop", "web", "127.0.0.1", port, [new BackendPool("blue", 100, [stalling.Address, good.Address])],
            new RouteHealthCheck("/health", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(30));
        await router.Service.ApplyAsync(table, Ct);
        Assert.True(await router.Service.WaitHealthyAsync(port, "blue", TimeSpan.FromSeconds(20), Ct));
        await stalling.StallAsync();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };

        // When: round-robin sends one of the first two requests to the stalled backend
        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var response = await client.GetAsync("/", Ct);
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}";
        }));

        // Then: both answered by the good one
        Assert.Equal(["200 good", "200 good"], answers);
    }

    [Fact]
    public async Task Request_ConnectTimesOutWhenNoOtherBackendIsLeft_IsTriedAgainPatientlyNotAnswered504()
    {
        // Given: a stalled backend beside a good one, the health checks far apart
        await using var router = new InProcessRouter();
        await using var stalling = new StallingBackend("stalling");
        await using var good = await TestBackend.StartAsync("good");
        var port = Ports.Free();
        var check = new RouteHealthCheck("/health", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5));
        RouteTable Table(params Uri[] backends) => new("shop", "web", "127.0.0.1", port, [new BackendPool("blue", 100, [.. backends])], check, TimeSpan.FromSeconds(30));
        await router.Service.ApplyAsync(Table(stalling.Address, good.Address), Ct);
        Assert.True(await router.Service.WaitHealthyAsync(port, "blue", TimeSpan.FromSeconds(20), Ct));
        await stalling.StallAsync();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };

        // When: a request waits to connect to the stalled backend, the good one leaves the route meanwhile (as one
        // whose checks fail under load does), and the stalled one accepts again
        Task<HttpResponseMessage>? waiting = null;
        for (var i = 0; i < 2 && waiting is null; i++)
        {
            var request = client.GetAsync("/", Ct);
            if (await Task.WhenAny(request, Task.Delay(TimeSpan.FromMilliseconds(500), Ct)) != request)
            {
                waiting = request;
            }
            else
            {
                (await request).Dispose();
            }
        }

        Assert.NotNull(waiting);
        await router.Service.ApplyAsync(Table(stalling.Address), Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        stalling.Resume();

        // Then: the request is answered by it, not with a 504 at the end of the first connect timeout
        using var response = await waiting;
        Assert.Equal("200 stalling", $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    [Fact]
    public async Task Request_ConnectionLostBeforeTheAnswer_GetGoesToAnotherBackend_PostIsNotRepeated()
    {
        // Given: two healthy backends, one of which loses every request's connection
        await using var router = new InProcessRouter();
        await using var dropping = await TestBackend.StartAsync("dropping");
        await using var good = await TestBackend.StartAsync("good");
        var port = Ports.Free();
        await router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 100, dropping, good)), Ct);
        Assert.True(await router.Service.WaitHealthyAsync(port, "blue", TimeSpan.FromSeconds(20), Ct));
        dropping.DropRequests = true;
        using var client = InProcessRouter.Client(port);

        // When: round-robin sends one of two GETs, and one of two POSTs, to the dropping backend
        var gets = new List<string>();
        var posts = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            gets.Add(await client.GetStringAsync("/", Ct));
            using var content = new StringContent("order");
            using var response = await client.PostAsync("/", content, Ct);
            posts.Add((int)response.StatusCode);
        }

        // Then: a GET is sent again to the good one; a POST may have reached the backend, so it is not repeated
        Assert.Equal(["good", "good"], gets);
        Assert.Contains(502, posts);
        Assert.All(posts, status => Assert.True(status is 200 or 502, $"{status}"));
    }
}
