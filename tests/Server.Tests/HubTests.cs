using System.Text.Json;
using ContainerCd.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ContainerCd.Server.Tests;

public sealed class HubTests
{
    [Fact]
    public async Task SubscribeBuild_RunningBuild_ReceivesEveryEventInOrder_AndLogIdenticalToConsoleText()
    {
        // Given a build writing lines every 10 ms
        await using var server = await TestServer.StartAsync(jobs: "app");
        server.Executor.Add("app", Scripts.Pipeline(lineDelay: 10));
        await using var hub = server.Hub();
        var recorder = new HubRecorder(hub);
        await hub.StartAsync(TestContext.Current.CancellationToken);

        // When
        var number = await server.TriggerAsync("app");
        await Task.Delay(60, TestContext.Current.CancellationToken);
        await hub.InvokeAsync<JsonElement>("SubscribeBuild", $"app/{number}", 1L, TestContext.Current.CancellationToken);
        await recorder.Finished.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        // Then
        var sequences = recorder.Sequences();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        var console = await server.Http.GetStringAsync($"job/app/{number}/consoleText", TestContext.Current.CancellationToken);
        Assert.Equal(console, recorder.LogText());
        var methods = recorder.Messages.Select(m => m.Method).ToList();
        Assert.Equal("BuildStarted", methods[0]);
        Assert.Equal("BuildFinished", methods[^1]);
        Assert.Equal(5, methods.Count(m => m == "StageStarted")); // Build, Test, unit, integration, Deploy
        Assert.Equal(6, methods.Count(m => m == "StageFinished")); // and the skipped Publish
        var deploy = recorder.Messages.Single(m => m.Method == "StageFinished" && m.Message.GetProperty("name").GetString() == "Deploy").Message;
        Assert.Equal("FAILURE", deploy.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Reconnect_FromLastSequence_ResumesWithNoGapAndNoDuplicate()
    {
        // Given a client that saw part of a running build, then went away
        await using var server = await TestServer.StartAsync(jobs: "app");
        server.Executor.Add("app", Scripts.Pipeline(lineDelay: 100));
        var number = await server.TriggerAsync("app");
        var first = server.Hub();
        var firstRecorder = new HubRecorder(first);
        await first.StartAsync(TestContext.Current.CancellationToken);
        await first.InvokeAsync<JsonElement>("SubscribeBuild", $"app/{number}", 1L, TestContext.Current.CancellationToken);
        await Task.Delay(250, TestContext.Current.CancellationToken);
        await first.DisposeAsync();
        var seen = firstRecorder.Sequences();
        Assert.NotEmpty(seen);
        Assert.False(firstRecorder.Finished.IsCompleted, "the build ended before the first client left");

        // When a new connection resumes from the next sequence
        await using var second = server.Hub();
        var secondRecorder = new HubRecorder(second);
        await second.StartAsync(TestContext.Current.CancellationToken);
        await second.InvokeAsync<JsonElement>("SubscribeBuild", $"app/{number}", seen[^1] + 1, TestContext.Current.CancellationToken);
        await secondRecorder.Finished.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        // Then together they cover every sequence once, and the log is whole
        var all = seen.Concat(secondRecorder.Sequences()).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all);
        var console = await server.Http.GetStringAsync($"job/app/{number}/consoleText", TestContext.Current.CancellationToken);
        Assert.Equal(console, firstRecorder.LogText() + secondRecorder.LogText());
    }

    [Fact]
    public async Task ChattyBuild_LogIsCoalesced_IntoMessagesOfAtMost64KiB()
    {
        // Given a build writing 50,000 lines as fast as it can
        await using var server = await TestServer.StartAsync(jobs: "chatty");
        server.Executor.Add("chatty", Scripts.Chatty(50_000));
        await using var hub = server.Hub();
        var recorder = new HubRecorder(hub);
        await hub.StartAsync(TestContext.Current.CancellationToken);

        // When
        var number = await server.TriggerAsync("chatty");
        await hub.InvokeAsync<JsonElement>("SubscribeBuild", $"chatty/{number}", 1L, TestContext.Current.CancellationToken);
        await recorder.Finished.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // Then
        var logs = recorder.Messages.Where(m => m.Method == "Log").Select(m => m.Message).ToList();
        Assert.True(logs.Count < 5_000, $"{logs.Count} log messages for 50,000 chunks");
        Assert.All(logs, l => Assert.True(l.GetProperty("length").GetInt64() <= 64 * 1024));
        Assert.All(logs, l => Assert.Equal(l.GetProperty("text").GetString()!.Length, l.GetProperty("segments").EnumerateArray().Sum(s => s.GetProperty("length").GetInt32())));
        var console = await server.Http.GetStringAsync($"job/chatty/{number}/consoleText", TestContext.Current.CancellationToken);
        Assert.Equal(console, recorder.LogText());
        var sequences = recorder.Sequences();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task SlowClient_DoesNotSlowTheBuild_AndIsToldToResync()
    {
        // Given a client that subscribes, then stops reading its socket, and a build writing ~20 MB
        var settings = new Hosting.ServeSettings("http://127.0.0.1:0", TestServer.NewHome(), Executors: 2) { LiveWindowBytes = 256 * 1024, MaxSubscriberLagBytes = 2 * 1024 * 1024 };
        await using var server = await TestServer.StartAsync(settings, null, "chatty");
        server.Executor.Add("chatty", Scripts.Chatty(200_000, lineLength: 100));
        await using var slow = await RawHubClient.ConnectAsync(server.BaseUrl, TestContext.Current.CancellationToken);
        var number = await server.TriggerAsync("chatty");
        await slow.InvokeAsync("SubscribeBuild", [$"chatty/{number}", 1L], TestContext.Current.CancellationToken);

        // When the build runs while the client reads nothing
        var build = await server.WaitFinishedAsync("chatty", number, timeoutSeconds: 60);
        var received = await slow.ReadUntilAsync((target, _) => target is "Resync" or "BuildFinished", TestContext.Current.CancellationToken);

        // Then the build finished on its own, and the client was told to resync from where it stopped
        Assert.Equal("SUCCESS", build.GetProperty("build").GetProperty("result").GetString());
        var (target, resync) = received[^1];
        Assert.Equal("Resync", target);
        var lastSeen = received.Where(m => m.Target == "Log").Max(m => m.Argument.GetProperty("lastSequence").GetInt64());
        var resumeFrom = resync.GetProperty("fromSequence").GetInt64();
        Assert.Equal(lastSeen + 1, resumeFrom);

        // And resubscribing from there gets the rest, from storage, with no gap
        await using var again = server.Hub();
        var rest = new HubRecorder(again);
        await again.StartAsync(TestContext.Current.CancellationToken);
        await again.InvokeAsync<JsonElement>("SubscribeBuild", $"chatty/{number}", resumeFrom, TestContext.Current.CancellationToken);
        await rest.Finished.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var console = await server.Http.GetStringAsync($"job/chatty/{number}/consoleText", TestContext.Current.CancellationToken);
        var first = string.Concat(received.Where(m => m.Target == "Log").Select(m => m.Argument.GetProperty("text").GetString()));
        Assert.Equal(console, first + rest.LogText());
    }

    [Fact]
    public async Task SubscribeJob_FollowsEachNewBuildOfTheJob()
    {
        await using var server = await TestServer.StartAsync(jobs: "app");
        server.Executor.Add("app", Scripts.Pipeline());
        await using var hub = server.Hub();
        var recorder = new HubRecorder(hub);
        await hub.StartAsync(TestContext.Current.CancellationToken);

        await hub.InvokeAsync<JsonElement>("SubscribeJob", "app", TestContext.Current.CancellationToken);
        var number = await server.TriggerAsync("app");
        await recorder.Finished.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        var started = recorder.Messages.First(m => m.Method == "BuildStarted").Message;
        Assert.Equal(number, started.GetProperty("number").GetInt32());
        var console = await server.Http.GetStringAsync($"job/app/{number}/consoleText", TestContext.Current.CancellationToken);
        Assert.Equal(console, recorder.LogText());
    }

    [Fact]
    public async Task SubscribeBuild_UnknownBuild_FailsWithAMessage()
    {
        await using var server = await TestServer.StartAsync(jobs: "app");
        await using var hub = server.Hub();
        await hub.StartAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("SubscribeBuild", "app/42", 1L, TestContext.Current.CancellationToken));

        Assert.Contains("No such build: 'app/42'", error.Message, StringComparison.Ordinal);
    }
}
