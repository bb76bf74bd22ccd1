using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>Builds asked for over HTTP carry Jenkins' cause: in the log's first line and in api/json's <c>actions[].causes[]</c>.</summary>
public sealed class BuildCauseApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string?, string, string> Triggers() => new()
    {
        // path, Basic user, expected _class, expected shortDescription
        { "job/app/build", null, "hudson.model.Cause$UserIdCause", "Started by user anonymous" },
        { "job/app/build", "alice", "hudson.model.Cause$UserIdCause", "Started by user alice" },
        { "job/app/build?token=t", null, "hudson.model.Cause$RemoteCause", "Started by remote host 127.0.0.1" },
        { "job/app/build?token=t&cause=nightly+run", null, "hudson.model.Cause$RemoteCause", "Started by remote host 127.0.0.1 with note: nightly run" },
    };

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task JenkinsBuildEndpoint_CauseInApiJsonAndLog(string path, string? user, string className, string description)
    {
        // Given
        await using var server = await TestServer.StartRealAsync(("app", "echo 'hi'"));
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":secret")));
        }

        // When
        using var response = await server.Http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await server.WaitFinishedAsync("app", 1);
        var run = await server.Http.GetFromJsonAsync<JsonElement>("job/app/1/api/json", Token);
        var log = await server.Http.GetStringAsync("job/app/1/consoleText", Token);

        // Then
        var cause = run.GetProperty("actions").EnumerateArray().First(a => a.GetProperty("_class").GetString() == "hudson.model.CauseAction")
            .GetProperty("causes")[0];
        Assert.Equal(className, cause.GetProperty("_class").GetString());
        Assert.Equal(description, cause.GetProperty("shortDescription").GetString());
        Assert.StartsWith(description + "\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildStep_DownstreamBuild_StartedByUpstreamProjectWithNumber()
    {
        // Given
        await using var server = await TestServer.StartRealAsync(("up", "build 'down'"), ("down", "echo currentBuild.getBuildCauses()[0].upstreamBuild"));

        // When
        var number = await server.TriggerAsync("up");
        await server.WaitFinishedAsync("up", number);
        var run = await server.Http.GetFromJsonAsync<JsonElement>("job/down/1/api/json", Token);

        // Then
        var cause = run.GetProperty("actions")[0].GetProperty("causes")[0];
        Assert.Equal("hudson.model.Cause$UpstreamCause", cause.GetProperty("_class").GetString());
        Assert.Equal("Started by upstream project \"up\" build number 1", cause.GetProperty("shortDescription").GetString());
        Assert.Equal("up", cause.GetProperty("upstreamProject").GetString());
        Assert.Equal(1, cause.GetProperty("upstreamBuild").GetInt32());
    }
}
