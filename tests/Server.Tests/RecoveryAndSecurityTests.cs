using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Runtime.Events;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Live;
using ContainerCd.Server.Storage;
using ContainerCd.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCd.Server.Tests;

public sealed class RecoveryAndSecurityTests
{
    [Fact]
    public async Task Restart_BuildLeftRunning_BecomesAbortedWithALineSayingWhy_KeepingItsLog()
    {
        // Given a home where a previous server recorded half a build and died (nothing finished it)
        var home = TestServer.NewHome();
        var paths = new BuildPaths(home);
        using (var store = new BuildStore(paths.Database))
        {
            await using var writer = new StoreWriter(store, NullLogger<StoreWriter>.Instance);
            var number = store.AllocateBuildNumber("app");
            var now = TimeProvider.System.GetUtcNow();
            store.InsertBuild(new BuildRecord("app", number, BuildStatuses.Running, null, ContainerCd.Runtime.Pipeline.BuildCause.User("anonymous"), new Dictionary<string, string>(), now, now, null, 0));
            var stream = new BuildStream("app/1", "app", 1);
            using var recorder = new BuildRecorder(paths, "app", 1, stream, writer, TimeProvider.System);
            recorder.OnEvent(new BuildStarted("app/1", 1, now, "app", 1, "Started by user anonymous"));
            recorder.OnEvent(new LogChunk("app/1", 2, now, null, null, 0, "half of the work\n"));
            await writer.FlushAsync();
        }

        // When a new server starts on that home
        await using var server = await TestServer.StartAsync(home: home, jobs: "app");

        // Then the build is ABORTED, its log kept and followed by the reason
        var build = await server.GetBuildAsync("app", 1);
        Assert.Equal("ABORTED", build.GetProperty("build").GetProperty("result").GetString());
        var console = await server.Http.GetStringAsync("job/app/1/consoleText");
        Assert.Equal("half of the work\n" + RestartRecovery() + "\nFinished: ABORTED\n", console);
        var events = await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/app/builds/1/events");
        Assert.Equal("BuildFinished", events.EnumerateArray().Last().GetProperty("type").GetString());
        Assert.Equal(5, events.GetArrayLength());
    }

    [Fact]
    public async Task Token_RequiredForApiJenkinsEndpointsAndHub_ButNotForPages()
    {
        await using var server = await TestServer.StartAsync(token: "s3cret", jobs: "app");
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/") };

        using var api = await anonymous.GetAsync("api/jobs");
        using var jenkins = await anonymous.GetAsync("job/app/api/json");
        using var trigger = await anonymous.PostAsync("job/app/build", null);
        using var page = await anonymous.GetAsync("job/app/1/");
        using var basic = new HttpRequestMessage(HttpMethod.Get, "job/app/api/json");
        basic.Headers.Authorization = new("Basic", Convert.ToBase64String("admin:s3cret"u8.ToArray()));
        using var withBasic = await anonymous.SendAsync(basic);
        using var withBearer = await server.Http.GetAsync("api/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, jenkins.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, trigger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withBasic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withBearer.StatusCode);
        await using var hubWithout = server.Hub(token: "wrong");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => hubWithout.StartAsync(TestContext.Current.CancellationToken));
        await using var hubWith = server.Hub();
        await hubWith.StartAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://127.0.0.1:8080;http://0.0.0.0:9090", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://192.168.1.5:8080", false)]
    public void ListenAddresses_AllLoopback_OnlyForLoopbackUrls(string urls, bool expected) =>
        Assert.Equal(expected, ListenAddresses.AllLoopback(urls));

    [Fact]
    public async Task Server_ListeningBeyondLoopback_GeneratesAToken()
    {
        var settings = new ServeSettings("http://0.0.0.0:0", TestServer.NewHome());
        await using var app = await ServerApp.StartAsync(settings, new ScriptedExecutor());

        Assert.Matches("^[0-9a-f]{32}$", app.Token);
    }

    private static string RestartRecovery() => Builds.RestartRecovery.Reason;
}
