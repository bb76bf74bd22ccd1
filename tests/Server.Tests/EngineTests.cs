using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace ContainerCd.Server.Tests;

/// <summary>The server running real builds with the runtime's engine on the host agent.</summary>
public sealed class EngineTests
{
    [Fact]
    public async Task RealBuild_FollowedOnTheHub_StagesAndLogMatchStorage()
    {
        // Given
        await using var server = await TestServer.StartRealAsync(("app", Jenkinsfiles.Pipeline(pause: 0.05)));
        await using var hub = server.Hub();
        var recorder = new HubRecorder(hub);
        await hub.StartAsync(TestContext.Current.CancellationToken);

        // When
        await hub.InvokeAsync<JsonElement>("SubscribeJob", "app", TestContext.Current.CancellationToken);
        var number = await server.TriggerAsync("app");
        await recorder.Finished.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var build = await server.WaitFinishedAsync("app", number);

        // Then
        var console = await server.Http.GetStringAsync($"job/app/{number}/consoleText", TestContext.Current.CancellationToken);
        Assert.Equal(console, recorder.LogText());
        Assert.Contains("make step 5", console, StringComparison.Ordinal);
        Assert.Contains("post: always", console, StringComparison.Ordinal);
        Assert.EndsWith("Finished: FAILURE\n", console, StringComparison.Ordinal);
        var sequences = recorder.Sequences();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Equal("FAILURE", build.GetProperty("build").GetProperty("result").GetString());
        var stages = build.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s);
        Assert.True(stages["Build"].GetProperty("status").GetString() == "SUCCESS", console);
        Assert.Equal("FAILURE", stages["Deploy"].GetProperty("status").GetString());
        Assert.Equal("SKIPPED", stages["Publish"].GetProperty("status").GetString());
        Assert.Equal(["integration", "unit"], stages["Test"].GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
        var describe = await server.Http.GetFromJsonAsync<JsonElement>($"job/app/{number}/wfapi/describe", TestContext.Current.CancellationToken);
        Assert.Equal("FAILED", describe.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Input_AnsweredThroughTheApi_LetsTheBuildProceed()
    {
        // Given a build waiting at an input
        await using var server = await TestServer.StartRealAsync(("gate", Jenkinsfiles.WithInput));
        await using var hub = server.Hub();
        var asked = new TaskCompletionSource<JsonElement>();
        var recorder = new HubRecorder(hub, (method, message) =>
        {
            if (method == "InputRequested")
            {
                asked.TrySetResult(message);
            }

            return Task.CompletedTask;
        });
        await hub.StartAsync(TestContext.Current.CancellationToken);
        await hub.InvokeAsync<JsonElement>("SubscribeJob", "gate", TestContext.Current.CancellationToken);
        var number = await server.TriggerAsync("gate");
        var question = await asked.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal("Deploy to production?", question.GetProperty("message").GetString());

        // When it is answered
        using var answer = await server.Http.PostAsJsonAsync(
            $"api/jobs/gate/builds/{number}/inputs/{question.GetProperty("inputId").GetString()}", new { proceed = true, submitter = "alice" }, TestContext.Current.CancellationToken);
        await recorder.Finished.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // Then
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var build = await server.WaitFinishedAsync("gate", number);
        Assert.Equal("SUCCESS", build.GetProperty("build").GetProperty("result").GetString());
        Assert.Contains(recorder.Messages, m => m.Method == "InputAnswered" && m.Message.GetProperty("proceeded").GetBoolean());
        var console = await server.Http.GetStringAsync($"job/gate/{number}/consoleText", TestContext.Current.CancellationToken);
        Assert.Contains("approved", console, StringComparison.Ordinal);
    }
}
