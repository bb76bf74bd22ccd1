using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Parser.Cron;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Tests.Support;
using ContainerCd.Server.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCd.Server.Tests;

/// <summary>
/// The server's triggers with the real engine and an injected clock: cron builds at the minute Jenkins' hash picks
/// for the job, pollSCM builds only when the poller says the source moved, upstream builds after a good enough
/// upstream build, and registered triggers survive a restart.
/// </summary>
public sealed class TriggerSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 6, 10, 0, 30, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<List<JsonElement>> BuildsAsync(TestServer server, string job) =>
        await server.Http.GetFromJsonAsync<List<JsonElement>>($"api/jobs/{job}/builds", Token) ?? [];

    /// <summary>Waits (bounded) until the job has <paramref name="count"/> builds, all finished; the clock of the builds is the fake one, so this only waits for work to be done.</summary>
    private static async Task<List<JsonElement>> WaitForBuildsAsync(TestServer server, string job, int count)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var builds = await BuildsAsync(server, job);
            if (builds.Count >= count && builds.All(b => !b.GetProperty("building").GetBoolean()))
            {
                return builds;
            }

            await Task.Delay(50, Token);
        }

        throw new TimeoutException($"{job} never had {count} finished builds");
    }

    private static async Task<string> LogAsync(TestServer server, string job, int number) =>
        await server.Http.GetStringAsync($"job/{job}/{number}/consoleText", Token);

    [Fact]
    public async Task Cron_HashedMinute_BuildsStartedByTimerAtTheMinuteJenkinsPicks()
    {
        // Given: a job whose first build registered cron('H * * * *'), half an hour before its hashed minute
        var schedule = CronSchedule.Parse("H * * * *", CronHash.From("nightly")).Schedule!;
        var minute = schedule.Next(Start.AddHours(-1), TimeZoneInfo.Utc)!.Value.Minute;
        var clock = new FakeTimeProvider(Start.AddMinutes((minute + 30) % 60));
        var home = TestServer.NewHome();
        await using var server = await TestServer.StartRealAsync(new ServerSeams { Time = clock }, home, 2,
            ("nightly", "pipeline { agent none\n triggers { cron('H * * * *') }\n stages { stage('s') { steps { echo 'built' } } } }"));
        await server.TriggerAsync("nightly");
        await WaitForBuildsAsync(server, "nightly", 1);
        var fires = schedule.Next(clock.GetUtcNow(), TimeZoneInfo.Utc)!.Value;

        // When: the clock reaches the minute before, then that minute
        clock.SetUtcNow(fires.AddMinutes(-1));
        var scheduler = server.Service<TriggerScheduler>();
        await WaitUntilAsync(() => scheduler.LastCheckedMinute >= fires.AddMinutes(-1));
        var before = await BuildsAsync(server, "nightly");
        clock.SetUtcNow(fires.AddSeconds(1));
        var builds = await WaitForBuildsAsync(server, "nightly", 2);

        // Then
        Assert.Equal(minute, fires.Minute);
        Assert.Single(before);
        Assert.Equal(2, builds.Count);
        Assert.Equal("Started by timer", builds[0].GetProperty("cause").GetString());
        Assert.StartsWith("Started by timer\n", await LogAsync(server, "nightly", 2), StringComparison.Ordinal);
        Directory.Delete(home, recursive: true);
    }

    [Fact]
    public async Task Cron_RegisteredTriggers_SurviveARestart()
    {
        // Given: a build registered triggers, then the server stopped
        var clock = new FakeTimeProvider(Start);
        var home = TestServer.NewHome();
        const string Jenkinsfile = "pipeline { agent none\n triggers { cron('H * * * *'); pollSCM('H/5 * * * *') }\n stages { stage('s') { steps { echo 'built' } } } }";
        await using (var first = await TestServer.StartRealAsync(new ServerSeams { Time = clock }, home, 2, ("nightly", Jenkinsfile)))
        {
            await first.TriggerAsync("nightly");
            await WaitForBuildsAsync(first, "nightly", 1);
        }

        // When: a new server starts on the same home and the hashed minute comes
        await using var server = await TestServer.StartRealAsync(new ServerSeams { Time = clock }, home, 2, ("nightly", Jenkinsfile));
        var triggers = server.Service<TriggerScheduler>().TriggersOf("nightly");
        var fires = CronSchedule.Parse("H * * * *", CronHash.From("nightly")).Schedule!.Next(clock.GetUtcNow(), TimeZoneInfo.Utc)!.Value;
        clock.SetUtcNow(fires.AddSeconds(1));
        var builds = await WaitForBuildsAsync(server, "nightly", 2);

        // Then
        Assert.Equal(2, triggers.Length);
        Assert.Equal("Started by timer", builds[0].GetProperty("cause").GetString());
        Directory.Delete(home, recursive: true);
    }

    [Fact]
    public async Task PollScm_BuildsOnlyWhenThePollerSaysTheSourceMoved()
    {
        // Given: a job polling every minute
        var clock = new FakeTimeProvider(Start);
        var poller = new FakePoller();
        var home = TestServer.NewHome();
        await using var server = await TestServer.StartRealAsync(new ServerSeams { Time = clock, Poller = poller }, home, 2,
            ("app", "pipeline { agent none\n triggers { pollSCM('* * * * *') }\n stages { stage('s') { steps { echo 'built' } } } }"));
        await server.TriggerAsync("app");
        await WaitForBuildsAsync(server, "app", 1);

        // When: a minute passes with no change, then one with a change
        var polls = poller.Polled.Count;
        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => poller.Polled.Count > polls);
        var unchanged = await BuildsAsync(server, "app");
        poller.SetMoved("app", true);
        clock.Advance(TimeSpan.FromMinutes(1));
        var builds = await WaitForBuildsAsync(server, "app", 2);

        // Then
        Assert.Single(unchanged);
        Assert.Equal("Started by an SCM change", builds[0].GetProperty("cause").GetString());
        Directory.Delete(home, recursive: true);
    }

    [Fact]
    public async Task Upstream_BuildsAfterAGoodEnoughUpstreamBuildOnly()
    {
        // Given: 'down' registered upstream(upstreamProjects: 'up', threshold: SUCCESS)
        await using var server = await TestServer.StartRealAsync(
            ("down", "pipeline { agent none\n triggers { upstream(upstreamProjects: 'up', threshold: hudson.model.Result.SUCCESS) }\n stages { stage('s') { steps { echo 'down' } } } }"),
            ("up", "if (params.FAIL == 'yes') { error 'broken' }\necho 'up'"));
        await server.TriggerAsync("down");
        await WaitForBuildsAsync(server, "down", 1);

        // When: 'up' fails, then succeeds
        await server.TriggerAsync("up", new Dictionary<string, string> { ["FAIL"] = "yes" });
        await WaitForBuildsAsync(server, "up", 1);
        await server.TriggerAsync("up");
        var downs = await WaitForBuildsAsync(server, "down", 2);
        await WaitForBuildsAsync(server, "up", 2);

        // Then: one build of 'down', started by up #2
        Assert.Equal(2, downs.Count);
        Assert.Equal("Started by upstream project \"up\" build number 2", downs[0].GetProperty("cause").GetString());
        Assert.Equal(2, (await BuildsAsync(server, "down")).Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 600 && !condition(); attempt++)
        {
            await Task.Delay(20, Token);
        }

        Assert.True(condition());
    }
}
