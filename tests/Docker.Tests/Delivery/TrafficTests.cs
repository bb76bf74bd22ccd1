using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Docker.Tests.Delivery;

/// <summary><c>setTrafficWeights</c> and A-B routing by header and by cookie, with real containers and the real router process.</summary>
[Collection(DockerTests.Name)]
public sealed class TrafficTests(DockerFixture docker) : IAsyncLifetime
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

    private async Task<List<string>> AnswersAsync(int count, Action<HttpRequestMessage>? mark = null)
    {
        using var client = DeliveryLoad.Client(_deployment.Port);
        var answers = new List<string>();
        for (var batch = 0; batch < count / 10; batch++)
        {
            answers.AddRange(await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/");
                mark?.Invoke(request);
                using var response = await client.SendAsync(request, Token);
                return (await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(Token)).Trim();
            })));
        }

        return answers;
    }

    /// <summary>
    /// The router chooses pools by smooth weighted round-robin, which is exact: 50/50 alternates, so 1,000 requests
    /// give 500 each. The tolerance of 2% only allows for a request that found its pool's only backend between two
    /// failing checks and went to the other pool; anything more is a fault.
    /// </summary>
    [Fact]
    public async Task SetTrafficWeights_FiftyFifty_HalfOf1000RequestsReachEachVersion()
    {
        await _deployment.DeployAsync("v1", DeployStrategy.BlueGreen, Token, replicas: 1);
        await _deployment.DeployAsync("v2", DeployStrategy.BlueGreen, Token, replicas: 1);

        await _deployment.Deployer.SetWeightsAsync(_deployment.Project, new Dictionary<string, int> { ["blue"] = 50, ["green"] = 50 }, Token);

        var answers = await AnswersAsync(1000);
        Assert.Equal(1000, answers.Count(a => a is "v1" or "v2"));
        Assert.InRange(answers.Count(a => a == "v2") / 1000.0, 0.48, 0.52);
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 50, ["green"] = 50 },
            (await _deployment.Router.GetAsync(_deployment.Port, Token))!.Table.Pools.ToDictionary(p => p.Name, p => p.Weight));
    }

    [Fact]
    public async Task Canary_MatchHeader_RequestsWithTheHeaderReachTheNewVersionOthersTheOld()
    {
        await _deployment.DeployAsync("v1", DeployStrategy.BlueGreen, Token, replicas: 1);
        await _deployment.DeployAsync("v2", DeployStrategy.Canary, Token, replicas: 1, match: new AbMatchRule(AbMatchKind.Header, "X-Version", "green"));

        var marked = await AnswersAsync(100, r => r.Headers.Add("X-Version", "green"));
        var other = await AnswersAsync(100, r => r.Headers.Add("X-Version", "blue"));
        var plain = await AnswersAsync(100);

        Assert.All(marked, a => Assert.Equal("v2", a));
        Assert.All(other, a => Assert.Equal("v1", a));
        Assert.All(plain, a => Assert.Equal("v1", a));
    }

    [Fact]
    public async Task Canary_MatchCookie_RequestsWithTheCookieReachTheNewVersionOthersTheOld()
    {
        await _deployment.DeployAsync("v1", DeployStrategy.BlueGreen, Token, replicas: 1);
        await _deployment.DeployAsync("v2", DeployStrategy.Canary, Token, replicas: 1, match: new AbMatchRule(AbMatchKind.Cookie, "canary", "yes"));

        var marked = await AnswersAsync(100, r => r.Headers.Add("Cookie", "session=1; canary=yes"));
        var other = await AnswersAsync(100, r => r.Headers.Add("Cookie", "canary=no"));
        var plain = await AnswersAsync(100);

        Assert.All(marked, a => Assert.Equal("v2", a));
        Assert.All(other, a => Assert.Equal("v1", a));
        Assert.All(plain, a => Assert.Equal("v1", a));
    }
}
