using ContainerCd.Router.Tests.Support;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Router.Tests;

/// <summary>How the router chooses a backend per request: weights, health, A-B matches, keep-alive, headers.</summary>
public sealed class RoutingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_Canary10Percent_GreenAnswers7To13PercentOf2000Requests()
    {
        // Given
        await using var router = new InProcessRouter();
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        var port = Ports.Free();
        await router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 90, blue), Tables.Pool("green", 10, green)), Ct);
        Assert.True(await router.Service.WaitHealthyAsync(port, "green", TimeSpan.FromSeconds(20), Ct));
        Assert.True(await router.Service.WaitHealthyAsync(port, "blue", TimeSpan.FromSeconds(20), Ct));
        using var client = InProcessRouter.Client(port);

        // When
        var answers = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            answers.Add(await client.GetStringAsync("/", Ct));
        }

        // Then
        var share = answers.Count(a => a == "green") / 2000.0;
        Assert.InRange(share, 0.07, 0.13);
        Assert.Equal(2000, answers.Count(a => a is "green" or "blue"));
        var status = router.Service.Get(port)!;
        Assert.Equal(answers.Count(a => a == "green"), status.Backends.Single(b => b.Pool == "green").Served);
    }

    [Fact]
    public async Task Request_OneKeepAliveConnection_EachRequestChoosesItsBackend()
    {
        // Given: one pool of two backends, a client that keeps one connection open
        await using var router = new InProcessRouter();
        await using var one = await TestBackend.StartAsync("one");
        await using var two = await TestBackend.StartAsync("two");
        var port = Ports.Free();
        await router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 1, one, two)), Ct);
        Assert.True(await router.Service.WaitHealthyAsync(port, "blue", TimeSpan.FromSeconds(20), Ct));
        using var client = InProcessRouter.Client(port);

        // When
        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await client.GetStringAsync("/", Ct));
        }

        // Then: round-robin on the one connection
        Assert.Equal(5, answers.Count(a => a == "one"));
        Assert.Equal(5, answers.Count(a => a == "two"));
    }

    [Fact]
    public async Task Apply_BackendNeverHealthy_GetsNoRequest()
    {
        // Given: green never passes its health check, though it has half the weight
        await using var router = new InProcessRouter();
        await using var blue = await TestBackend.StartAsync("blue");
        await using var green = await TestBackend.StartAsync("green");
        green.Healthy = false;
        var port = Ports.Free();
        await router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 50, blue), Tables.Pool("green", 50, green)), Ct);

        // When
        var healthy = await router.Service.WaitHealthyAsync(port, "green", TimeSpan.FromSeconds(1), Ct);
        using var client = InProcessRouter.Client(port);
        var answers = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            answers.Add(await client.GetStringAsync("/", Ct));
        }

        // Then
        Assert.False(healthy);
        Assert.All(answers, a => Assert.Equal("blue", a));
        Assert.Equal(0, green.Served);
        Assert.False(router.Service.Get(port)!.Backends.Single(b => b.Pool == "green").Healthy);
    }

    [Fact]
    public async Task Request_NoHealthyBackend_503WithReason()
    {
        // Given
        await using var router = new InProcessRouter();
        await using var sick = await TestBackend.StartAsync("sick");
        sick.Healthy = false;
        var port = Ports.Free();
        await router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 100, sick)), Ct);
        using var client = InProcessRouter.Client(port);

        // When
        using var response = await client.GetAsync("/", Ct);

        // Then
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("ContainerCd router: no healthy backend for shop/web on port " + port + "\n", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, sick.Served);
    }

    [Theory]
    [InlineData(AbMatchKind.Header)]
    [InlineData(AbMatchKind.Cookie)]
    public async Task Request_AbMatch_GoesToTheMatchedPoolWhateverTheWeights(AbMatchKind kind)
    {
        // Given: b has weight 0, and only matching requests reach it
        await using var router = new InProcessRouter();
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        var port = Ports.Free();
        var table = Tables.Route(port, Tables.Pool("a", 100, a), Tables.Pool("b", 0, b)) with { Match = new AbMatch(kind, "X-Variant", "beta", "b") };
        await router.Service.ApplyAsync(table, Ct);
        Assert.True(await router.Service.WaitHealthyAsync(port, "b", TimeSpan.FromSeconds(20), Ct));
        Assert.True(await router.Service.WaitHealthyAsync(port, "a", TimeSpan.FromSeconds(20), Ct));
        using var client = InProcessRouter.Client(port);

        // When
        var matching = new List<string>();
        var others = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            matching.Add(await SendAsync(client, kind, "beta"));
            others.Add(await SendAsync(client, kind, "stable"));
            others.Add(await client.GetStringAsync("/", Ct));
        }

        // Then
        Assert.All(matching, answer => Assert.Equal("b", answer));
        Assert.All(others, answer => Assert.Equal("a", answer));
    }

    [Fact]
    public async Task Request_Forwarded_CarriesXForwardedHeaders()
    {
        // Given
        await using var router = new InProcessRouter();
        await using var blue = await TestBackend.StartAsync("blue");
        var port = Ports.Free();
        await router.Service.ApplyAsync(Tables.Route(port, Tables.Pool("blue", 1, blue)), Ct);
        Assert.True(await router.Service.WaitHealthyAsync(port, "blue", TimeSpan.FromSeconds(20), Ct));
        using var client = InProcessRouter.Client(port);

        // When
        using var request = new HttpRequestMessage(HttpMethod.Get, "/headers");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
        using var response = await client.SendAsync(request, Ct);

        // Then
        Assert.Equal($"for=203.0.113.7, 127.0.0.1\nproto=http\nhost=127.0.0.1:{port}", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Apply_UnusableTable_RefusedWithTheReason()
    {
        await using var router = new InProcessRouter();
        var table = new RouteTable("shop", "web", "127.0.0.1", Ports.Free(), [new BackendPool("blue", 1, [new Uri("https://10.0.0.1:8443")])], Tables.FastCheck, TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => router.Service.ApplyAsync(table, Ct));

        Assert.StartsWith($"route shop/web on port {table.PublicPort}: pool 'blue': backend 'https://10.0.0.1:8443/' is not an http:// address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_PortInUse_IOExceptionNamingTheAddress()
    {
        await using var router = new InProcessRouter();
        await using var taken = await TestBackend.StartAsync("taken");

        var error = await Assert.ThrowsAsync<IOException>(() => router.Service.ApplyAsync(Tables.Route(taken.Address.Port, Tables.Pool("blue", 1, taken)), Ct));

        Assert.StartsWith($"cannot listen on 127.0.0.1:{taken.Address.Port}: ", error.Message, StringComparison.Ordinal);
        Assert.Null(router.Service.Get(taken.Address.Port));
    }

    private static async Task<string> SendAsync(HttpClient client, AbMatchKind kind, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation(kind == AbMatchKind.Header ? "X-Variant" : "Cookie", kind == AbMatchKind.Header ? value : $"session=1; X-Variant={value}");
        using var response = await client.SendAsync(request, Ct);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
