using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

public sealed class ApiTests
{
    [Fact]
    public async Task TriggeredBuild_Finishes_WithStageTreeLogAndJenkinsViews()
    {
        // Given
        await using var server = await TestServer.StartAsync(jobs: "app");
        server.Executor.Add("app", Scripts.Pipeline());

        // When
        var number = await server.TriggerAsync("app", new() { ["TARGET"] = "prod" });
        var build = await server.WaitFinishedAsync("app", number);

        // Then: the stage tree, nested and parallel, with results and skip reasons
        Assert.Equal("FAILURE", build.GetProperty("build").GetProperty("result").GetString());
        Assert.Equal("prod", build.GetProperty("build").GetProperty("parameters").GetProperty("TARGET").GetString());
        var stages = build.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["Build", "Test", "Deploy", "Publish"], stages.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["SUCCESS", "SUCCESS", "FAILURE", "SKIPPED"], stages.Select(s => s.GetProperty("status").GetString()));
        Assert.Equal("earlier failure", stages[3].GetProperty("skipReason").GetString());
        var branches = stages[1].GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(["integration", "unit"], branches.Select(b => b.GetProperty("name").GetString()).Order());
        Assert.All(branches, b => Assert.Equal("parallel", b.GetProperty("kind").GetString()));

        // consoleText is the whole log; byte ranges and progressiveText slice it
        var console = await server.Http.GetByteArrayAsync($"job/app/{number}/consoleText");
        var text = System.Text.Encoding.UTF8.GetString(console);
        Assert.Contains("ünïcødé ✓", text, StringComparison.Ordinal);
        Assert.EndsWith("Finished: FAILURE\n", text, StringComparison.Ordinal);
        using var range = await server.Http.GetAsync($"api/jobs/app/builds/{number}/log?start=10&end=30");
        Assert.Equal(console[10..30], await range.Content.ReadAsByteArrayAsync());
        Assert.Equal(console.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), range.Headers.GetValues("X-Log-Size").Single());
        using var progressive = await server.Http.GetAsync($"job/app/{number}/logText/progressiveText?start=7");
        Assert.Equal(console[7..], await progressive.Content.ReadAsByteArrayAsync());
        Assert.Equal(console.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), progressive.Headers.GetValues("X-Text-Size").Single());
        Assert.False(progressive.Headers.Contains("X-More-Data"));

        // Jenkins' build JSON and Stage View JSON
        var json = await server.Http.GetFromJsonAsync<JsonElement>($"job/app/{number}/api/json");
        Assert.Equal("FAILURE", json.GetProperty("result").GetString());
        Assert.False(json.GetProperty("building").GetBoolean());
        Assert.Equal(number, json.GetProperty("number").GetInt32());
        var describe = await server.Http.GetFromJsonAsync<JsonElement>($"job/app/{number}/wfapi/describe");
        Assert.Equal("FAILED", describe.GetProperty("status").GetString());
        var viewStages = describe.GetProperty("stages").EnumerateArray().ToList();
        Assert.Contains(viewStages, s => s.GetProperty("name").GetString() == "Deploy" && s.GetProperty("status").GetString() == "FAILED");
        Assert.Contains(viewStages, s => s.GetProperty("name").GetString() == "Publish" && s.GetProperty("status").GetString() == "NOT_EXECUTED");
        Assert.All(viewStages.Where(s => s.GetProperty("status").GetString() != "NOT_EXECUTED"), s => Assert.True(s.GetProperty("startTimeMillis").GetInt64() > 0));

        // The stage log holds only that stage's lines
        var deployLog = await server.Http.GetStringAsync($"api/jobs/app/builds/{number}/stages/Deploy/log");
        Assert.Contains("+ ./deploy.sh", deployLog, StringComparison.Ordinal);
        Assert.DoesNotContain("make step", deployLog, StringComparison.Ordinal);
        var job = await server.Http.GetFromJsonAsync<JsonElement>("job/app/api/json");
        Assert.Equal(number, job.GetProperty("lastBuild").GetProperty("number").GetInt32());
        Assert.Equal("red", job.GetProperty("color").GetString());
    }

    [Fact]
    public async Task RunningBuild_ConsoleText_WhileTheLogGrows_IsAlwaysAWholePrefixOfTheLog()
    {
        // Given a build writing bursts of lines
        await using var server = await TestServer.StartAsync(jobs: "bursts");
        var release = new TaskCompletionSource();
        server.Executor.Add("bursts", Scripts.BurstsUntilReleased(release.Task));
        var number = await server.TriggerAsync("bursts");

        // When its console is read again and again while it grows
        var snapshots = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            using var response = await server.Http.GetAsync($"job/bursts/{number}/consoleText", TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"request {i}: {(int)response.StatusCode}");
            snapshots.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        release.SetResult();
        await server.WaitFinishedAsync("bursts", number);

        // Then every answer was the log as it was at some moment
        var console = await server.Http.GetStringAsync($"job/bursts/{number}/consoleText", TestContext.Current.CancellationToken);
        Assert.All(snapshots, snapshot => Assert.StartsWith(snapshot, console, StringComparison.Ordinal));
        Assert.True(snapshots[^1].Length > snapshots[0].Length, "the log did not grow while it was read");
    }

    [Fact]
    public async Task RunningBuild_ProgressiveText_SaysMoreData_AndAbortEndsIt()
    {
        // Given a build that runs until aborted
        await using var server = await TestServer.StartAsync(jobs: "slow");
        var never = new TaskCompletionSource();
        server.Executor.Add("slow", Scripts.UntilReleased(never.Task));
        var number = await server.TriggerAsync("slow");
        await Task.Delay(300);

        // When
        using var progressive = await server.Http.GetAsync($"job/slow/{number}/logText/progressiveText?start=0");
        using var abort = await server.Http.PostAsync($"api/jobs/slow/builds/{number}/abort", null);
        var build = await server.WaitFinishedAsync("slow", number);

        // Then
        Assert.Equal("true", progressive.Headers.GetValues("X-More-Data").Single());
        Assert.Equal(HttpStatusCode.Accepted, abort.StatusCode);
        Assert.Equal("ABORTED", build.GetProperty("build").GetProperty("result").GetString());
    }

    [Fact]
    public async Task JenkinsTrigger_BuildWithParameters_QueuesABuildWithThem()
    {
        await using var server = await TestServer.StartAsync(jobs: "p");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["GREETING"] = "hello" });

        using var response = await server.Http.PostAsync("job/p/buildWithParameters?COLOR=blue", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var queueItem = await server.Http.GetFromJsonAsync<JsonElement>(response.Headers.Location!.ToString().TrimStart('/') + "api/json");
        var number = queueItem.GetProperty("executable").GetProperty("number").GetInt32();
        var build = await server.WaitFinishedAsync("p", number);
        var parameters = build.GetProperty("build").GetProperty("parameters");
        Assert.Equal("hello", parameters.GetProperty("GREETING").GetString());
        Assert.Equal("blue", parameters.GetProperty("COLOR").GetString());
    }

    [Fact]
    public async Task UnknownJobOrBuild_Answers404WithAMessage()
    {
        await using var server = await TestServer.StartAsync(jobs: "a");

        using var trigger = await server.Http.PostAsync("job/nope/build", null);
        using var build = await server.Http.GetAsync("api/jobs/a/builds/99");

        Assert.Equal(HttpStatusCode.NotFound, trigger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, build.StatusCode);
        Assert.Contains("No such build", await build.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AnswersLikeJenkins()
    {
        await using var server = await TestServer.StartAsync();
        using var valid = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["jenkinsfile"] = "pipeline {\n  agent any\n  stages {\n    stage('Build') {\n      steps {\n        echo 'hi'\n      }\n    }\n  }\n}\n",
        });
        using var invalid = new FormUrlEncodedContent(new Dictionary<string, string> { ["jenkinsfile"] = "pipeline {\n  agent any\n  stages {\n    stage('Build' {\n" });

        var ok = await (await server.Http.PostAsync("pipeline-model-converter/validate", valid)).Content.ReadAsStringAsync();
        var errors = await (await server.Http.PostAsync("pipeline-model-converter/validate", invalid)).Content.ReadAsStringAsync();

        Assert.Equal("Jenkinsfile successfully validated.\n", ok);
        Assert.StartsWith("Errors encountered validating Jenkinsfile:\nWorkflowScript: ", errors, StringComparison.Ordinal);
        Assert.Contains("@ line ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ModelError_ReportedWithJenkinsWordingAndPosition()
    {
        await using var server = await TestServer.StartAsync();
        using var noAgent = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["jenkinsfile"] = "pipeline {\n  stages {\n    stage('Build') {\n      steps {\n        echo 'hi'\n      }\n    }\n  }\n}\n",
        });

        var errors = await (await server.Http.PostAsync("pipeline-model-converter/validate", noAgent)).Content.ReadAsStringAsync();

        Assert.StartsWith("Errors encountered validating Jenkinsfile:\nWorkflowScript: 1: Missing required section \"agent\" @ line 1, column 1.\n   pipeline {\n   ^\n", errors, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Validate_BodyOverTheFormLimit_Is413WithoutParsing()
    {
        // Given a form over Jenkins' 200,000-byte limit, with and without a Content-Length
        await using var server = await TestServer.StartAsync();
        var jenkinsfile = "pipeline {\n agent any\n stages {\n" + string.Concat(Enumerable.Repeat("  stage('s') { steps { echo 'x' } }\n", 6000)) + " }\n}\n";
        using var sized = new FormUrlEncodedContent(new Dictionary<string, string> { ["jenkinsfile"] = jenkinsfile });
        var body = await sized.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var chunked = new StreamContent(new MemoryStream(body));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "pipeline-model-converter/validate") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;

        // When
        var withLength = await server.Http.PostAsync("pipeline-model-converter/validate", sized, TestContext.Current.CancellationToken);
        var withoutLength = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        // Then
        Assert.True(body.Length > 200_000);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.Equal($"Errors encountered validating Jenkinsfile:\nThe request is {body.Length} bytes: at most 200000 bytes are accepted.\n",
            await withLength.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withoutLength.StatusCode);
        Assert.StartsWith("Errors encountered validating Jenkinsfile:\nThe request is too large", await withoutLength.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_QuadraticInputOfTheIssue_IsAnsweredWithItsError()
    {
        await using var server = await TestServer.StartAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["jenkinsfile"] = "a {\ns {\n" + new string(';', 1600) });

        var response = await server.Http.PostAsync("pipeline-model-converter/validate", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Unexpected end of file", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
