using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Runtime.Pipeline.Triggers;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Tests.Support;
using ContainerCd.Server.Triggers;

namespace ContainerCd.Server.Tests;

/// <summary>The git plugin's <c>/git/notifyCommit</c>, called as existing hooks call it, answered as the plugin answers.</summary>
public sealed class NotifyCommitTests
{
    private const string Url = "file:///srv/git/app.git";
    private const string Secret = "hook-secret";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(TestServer Server, FakePoller Poller, RecordingRepositoryJobs Jobs)> StartAsync(bool pollScm = true, params string[] branches)
    {
        var poller = new FakePoller();
        var jobs = new RecordingRepositoryJobs(RecordingRepositoryJobs.Job("app", Url, Secret, branches));
        var server = await TestServer.StartRealAsync(new ServerSeams { Poller = poller, RepositoryJobs = jobs }, TestServer.NewHome(), 1, ("app", "echo 'built'"));
        if (pollScm)
        {
            server.Service<TriggerScheduler>().Register("app", [new PollScmTrigger("H/30 * * * *", IgnorePostCommitHooks: false)]);
        }

        return (server, poller, jobs);
    }

    private static async Task<(HttpStatusCode Status, string Body, string[] Triggered)> GetAsync(TestServer server, string query)
    {
        using var response = await server.Http.GetAsync("git/notifyCommit?" + query, Token);
        var triggered = response.Headers.TryGetValues("Triggered", out var values) ? values.ToArray() : [];
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token), triggered);
    }

    private static async Task<List<JsonElement>> BuildsAsync(TestServer server) =>
        await server.Http.GetFromJsonAsync<List<JsonElement>>("api/jobs/app/builds", Token) ?? [];

    [Fact]
    public async Task NotifyCommit_BranchMoved_PollsAndBuildsOnce()
    {
        // Given
        var (server, poller, _) = await StartAsync();
        await using var _ = server;
        poller.SetMoved("app", true);

        // When
        var (status, body, triggered) = await GetAsync(server, "url=" + Uri.EscapeDataString("/srv/git/app") + "&branches=main");
        var build = await server.WaitFinishedAsync("app", 1);

        // Then
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Scheduled polling of app\n", body);
        Assert.Equal([server.BaseUrl + "/job/app/"], triggered);
        Assert.Equal("Started by an SCM change", build.GetProperty("build").GetProperty("cause").GetString());
    }

    [Fact]
    public async Task NotifyCommit_BranchDidNotMove_PollsButBuildsNothing()
    {
        // Given
        var (server, poller, _) = await StartAsync();
        await using var _ = server;

        // When
        var (status, body, _) = await GetAsync(server, "url=" + Uri.EscapeDataString(Url));
        for (var attempt = 0; attempt < 200 && poller.Polled.IsEmpty; attempt++)
        {
            await Task.Delay(20, Token);
        }

        // Then
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Scheduled polling of app\n", body);
        Assert.Equal(["app"], poller.Polled);
        Assert.Empty(await BuildsAsync(server));
    }

    [Theory]
    [InlineData(true, "url=file%3A%2F%2F%2Fsrv%2Fgit%2Fother.git", "No git jobs using repository: file:///srv/git/other.git and branches: \n")]
    [InlineData(true, "url=file%3A%2F%2F%2Fsrv%2Fgit%2Fapp.git&branches=release", "No git jobs using repository: file:///srv/git/app.git and branches: release\n")]
    [InlineData(false, "url=file%3A%2F%2F%2Fsrv%2Fgit%2Fapp.git", "No git jobs using repository: file:///srv/git/app.git and branches: \n")]
    public async Task NotifyCommit_NoJobToPoll_SaysSoAsThePlugin(bool pollScm, string query, string expected)
    {
        var (server, poller, _) = await StartAsync(pollScm, "*/main");
        await using var _ = server;

        var (status, body, triggered) = await GetAsync(server, query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body);
        Assert.Empty(triggered);
        Assert.Empty(poller.Polled);
    }

    [Fact]
    public async Task NotifyCommit_NoRepositoryJobs_NoGitJobsFound()
    {
        await using var server = await TestServer.StartRealAsync(("app", "echo 'x'"));

        var (status, body, _) = await GetAsync(server, "url=" + Uri.EscapeDataString(Url));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("No git jobs found\n", body);
    }

    [Theory]
    [InlineData("sha1=0123abcd", HttpStatusCode.Unauthorized)]
    [InlineData("sha1=0123abcd&token=wrong", HttpStatusCode.Forbidden)]
    [InlineData("sha1=not-a-sha", HttpStatusCode.BadRequest)]
    public async Task NotifyCommit_Sha1WithoutTheJobToken_IsRefused(string query, HttpStatusCode expected)
    {
        var (server, _, jobs) = await StartAsync();
        await using var _ = server;

        var (status, body, _) = await GetAsync(server, "url=" + Uri.EscapeDataString(Url) + "&" + query);

        Assert.Equal(expected, status);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.Empty(jobs.Commits);
    }

    [Fact]
    public async Task NotifyCommit_Sha1WithTheJobToken_SchedulesThatCommit()
    {
        var (server, poller, jobs) = await StartAsync();
        await using var _ = server;

        using var response = await server.Http.PostAsync("git/notifyCommit?url=" + Uri.EscapeDataString(Url) + "&sha1=0123abcd&token=" + Secret, null, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Scheduled app\n", await response.Content.ReadAsStringAsync(Token));
        Assert.Equal([("app", "0123abcd")], jobs.Commits);
        Assert.Empty(poller.Polled);
    }

    [Fact]
    public async Task NotifyCommit_MissingUrl_IsABadRequest()
    {
        var (server, _, _) = await StartAsync();
        await using var _ = server;

        var (status, body, _) = await GetAsync(server, "branches=main");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Required parameter url is missing\n", body);
    }
}
