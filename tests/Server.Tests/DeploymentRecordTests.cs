using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Hubs;
using ContainerCd.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace ContainerCd.Server.Tests;

/// <summary>
/// Deployment records made by real builds of the engine, whose DeploymentEvents come from a fake delivery step
/// (<see cref="FakeDeployExtension"/>) until the real deploy steps exist: stored as they happen and served per build,
/// per project and for every project, with secrets masked; the router's live routes through a fake router.
/// </summary>
public sealed class DeploymentRecordTests
{
    internal const string Secret = "s3cr3t-deploy-token";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Build 1 deploys shop blue-green (switching blue to green) and cart; build 2 promotes shop.</summary>
    internal const string Jenkinsfile = """
        pipeline {
          agent any
          stages {
            stage('Deploy') {
              steps {
                script {
                  if (env.BUILD_NUMBER == '1') {
                    fakeDeployEvent project: 'shop', phase: 'Started', strategy: 'blueGreen', weights: [blue: 100, green: 0], images: [web: 'sha256:aaa'], message: 'starting green'
                    fakeDeployEvent project: 'cart', phase: 'Started', strategy: 'rolling', weights: [v1: 100], images: [cart: 'sha256:ccc']
                    fakeDeployEvent project: 'shop', phase: 'WeightsChanged', strategy: 'blueGreen', weights: [blue: 0, green: 100], images: [:]
                    fakeDeployEvent project: 'shop', phase: 'Succeeded', strategy: 'blueGreen', weights: [blue: 0, green: 100], images: [web: 'sha256:bbb']
                  } else {
                    fakeDeployEvent project: 'shop', phase: 'Promoted', strategy: 'blueGreen', weights: [green: 100], images: [:]
                  }
                }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task FakeDeployStep_BlueGreenThenPromote_BuildProjectAndAllProjectsServeTheRecords()
    {
        // Given
        await using var server = await StartAsync(("deliver", Jenkinsfile));
        await server.WaitFinishedAsync("deliver", await server.TriggerAsync("deliver"));
        await server.WaitFinishedAsync("deliver", await server.TriggerAsync("deliver"));

        // When
        var build = await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/deliver/builds/1", Token);
        var all = await server.Http.GetFromJsonAsync<JsonElement>("api/deployments", Token);
        var shop = await server.Http.GetFromJsonAsync<JsonElement>("api/deployments/shop", Token);
        using var none = await server.Http.GetAsync(new Uri("api/deployments/nothing-here", UriKind.Relative), Token);

        // Then: the build's deployments, one per project in the order it began them
        var made = build.GetProperty("deployments");
        Assert.Equal(["shop", "cart"], made.EnumerateArray().Select(d => d.GetProperty("project").GetString()));
        var first = made[0];
        Assert.Equal("blueGreen", first.GetProperty("strategy").GetString());
        Assert.Equal("succeeded", first.GetProperty("result").GetString());
        Assert.Equal("/job/deliver/1/", first.GetProperty("buildUrl").GetString());
        Assert.Equal("""{"blue":0,"green":100}""", first.GetProperty("weights").GetRawText());
        Assert.Equal("""{"web":"sha256:bbb"}""", first.GetProperty("imageDigests").GetRawText());
        Assert.Equal(["started", "weightsChanged", "succeeded"], first.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString()));
        Assert.Equal("starting green", first.GetProperty("phases")[0].GetProperty("message").GetString());
        Assert.Equal(
            ["""{"blue":100,"green":0}""", """{"blue":0,"green":100}"""],
            first.GetProperty("weightsTimeline").EnumerateArray().Select(w => w.GetProperty("weights").GetRawText()));
        Assert.Equal("inProgress", made[1].GetProperty("result").GetString());

        // every project with its latest deployment and its current weights
        Assert.Equal(["cart", "shop"], all.EnumerateArray().Select(p => p.GetProperty("project").GetString()));
        var latestShop = all[1];
        Assert.Equal(2, latestShop.GetProperty("latest").GetProperty("number").GetInt32());
        Assert.Equal("promoted", latestShop.GetProperty("latest").GetProperty("result").GetString());
        Assert.Equal("""{"green":100}""", latestShop.GetProperty("currentWeights").GetRawText());

        // a project's history, newest first
        Assert.Equal([2, 1], shop.GetProperty("deployments").EnumerateArray().Select(d => d.GetProperty("number").GetInt32()));
        Assert.Equal("""{"green":100}""", shop.GetProperty("currentWeights").GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task FakeDeployStep_MessageAndDigestWithASecret_ComeOutMasked()
    {
        // Given a deployment event whose message and image digest carry a credential's value
        var config = RuntimeConfig.Empty with { Credentials = [new CredentialDefinition("deploy-token", "string") { Secret = Secret }] };
        const string Leaky = """
            pipeline {
              agent any
              stages {
                stage('Deploy') {
                  steps {
                    withCredentials([string(credentialsId: 'deploy-token', variable: 'TOKEN')]) {
                      fakeDeployEvent project: 'vault', phase: 'Started', strategy: 'rolling', weights: [v1: 100], images: ["app-${TOKEN}": "sha256:${TOKEN}"], message: "logged in with ${TOKEN}"
                    }
                  }
                }
              }
            }
            """;
        await using var server = await StartAsync(config, ("leaky", Leaky));

        // When
        var finished = await server.WaitFinishedAsync("leaky", await server.TriggerAsync("leaky"));
        var history = await server.Http.GetStringAsync(new Uri("api/deployments/vault", UriKind.Relative), Token);
        var build = await server.Http.GetStringAsync(new Uri("api/jobs/leaky/builds/1", UriKind.Relative), Token);
        var journal = await server.Http.GetStringAsync(new Uri("api/jobs/leaky/builds/1/events", UriKind.Relative), Token);

        // Then
        Assert.Equal("SUCCESS", finished.GetProperty("build").GetProperty("result").GetString());
        foreach (var text in new[] { history, build, journal })
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        }

        var record = JsonDocument.Parse(history).RootElement.GetProperty("deployments")[0];
        Assert.Equal("""{"app-****":"sha256:****"}""", record.GetProperty("imageDigests").GetRawText());
        Assert.Equal("logged in with ****", record.GetProperty("phases")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task HubClientFollowingAProject_GetsEachDeploymentEventOnceStored()
    {
        // Given
        await using var server = await StartAsync(("deliver", Jenkinsfile));
        await using var hub = server.Hub();
        var received = new List<DeploymentDto>();
        var stored = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<DeploymentDto>("Deployment", d =>
        {
            lock (received)
            {
                received.Add(d);
                if (d.Phase == "succeeded")
                {
                    // the page reads the store again on this message: the event must already be there
                    stored.TrySetResult(server.Service<Storage.BuildStore>().GetProjectDeployments("shop", 10) is [{ Result: "succeeded" }]);
                }
            }
        });
        await hub.StartAsync(Token);
        await hub.InvokeAsync("SubscribeDeployments", "shop", Token);

        // When
        await server.WaitFinishedAsync("deliver", await server.TriggerAsync("deliver"));

        // Then: shop's three events, not cart's
        Assert.True(await stored.Task.WaitAsync(TimeSpan.FromSeconds(30), Token));
        lock (received)
        {
            Assert.Equal(["started", "weightsChanged", "succeeded"], received.Select(d => d.Phase));
            Assert.All(received, d => Assert.Equal("shop", d.Project));
        }
    }

    [Fact]
    public async Task RoutesOfAProject_WithoutARouter_SayRouterNotRunning()
    {
        await using var server = await StartAsync(("deliver", Jenkinsfile));

        var routes = await server.Http.GetFromJsonAsync<JsonElement>("api/deployments/shop/routes", Token);

        Assert.False(routes.GetProperty("routerRunning").GetBoolean());
        Assert.Equal("router not running", routes.GetProperty("error").GetString());
        Assert.Equal(0, routes.GetProperty("routes").GetArrayLength());
    }

    [Fact]
    public async Task RoutesOfAProject_FromAFakeRouter_AreThatProjectsPoolsWithWeightsAndBackends()
    {
        // Given a router serving a route of shop and one of cart
        var router = new FakeRouter();
        router.Set(FakeRouter.Route("shop", 18080, ("blue", 90, true), ("green", 10, false)));
        router.Set(FakeRouter.Route("cart", 18081, ("v1", 100, true)));
        await using var server = await StartAsync(ServerSeams.Default with { Router = router }, RuntimeConfig.Empty, ("deliver", Jenkinsfile));

        // When
        var routes = await server.Http.GetFromJsonAsync<JsonElement>("api/deployments/shop/routes", Token);

        // Then
        Assert.True(routes.GetProperty("routerRunning").GetBoolean());
        var route = Assert.Single(routes.GetProperty("routes").EnumerateArray());
        Assert.Equal(18080, route.GetProperty("publicPort").GetInt32());
        Assert.Equal(
            [("blue", 90, true), ("green", 10, false)],
            route.GetProperty("pools").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("weight").GetInt32(), p.GetProperty("backends")[0].GetProperty("healthy").GetBoolean())));
    }

    internal static Task<TestServer> StartAsync(params (string Name, string Jenkinsfile)[] jobs) => StartAsync(RuntimeConfig.Empty, jobs);

    internal static Task<TestServer> StartAsync(RuntimeConfig config, params (string Name, string Jenkinsfile)[] jobs) =>
        StartAsync(ServerSeams.Default, config, jobs);

    internal static Task<TestServer> StartAsync(ServerSeams seams, RuntimeConfig config, params (string Name, string Jenkinsfile)[] jobs) =>
        TestServer.StartRealAsync(seams, TestServer.NewHome(), 2, null, config, [FakeDeployExtension.Instance], jobs);
}
