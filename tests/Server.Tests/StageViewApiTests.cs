using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>The job page's Stage View API: Jenkins' <c>wfapi/runs</c> and the viewer's <c>api/jobs/J/stageview</c>, over real engine builds.</summary>
public sealed class StageViewApiTests
{
    /// <summary>
    /// Build, parallel Test (unit, lint), Package with nested Image and Sign; FAIL=unit fails the unit branch, and
    /// with HOLD=FILE Build runs until that file exists (at most 60 s).
    /// </summary>
    internal const string StagedPipeline = """
        pipeline {
          agent any
          parameters {
            string(name: 'FAIL', defaultValue: '')
            string(name: 'HOLD', defaultValue: '')
          }
          stages {
            stage('Build') { steps { sh 'sleep 0.3; [ -z "$HOLD" ] || { i=0; while [ ! -e "$HOLD" ] && [ $i -lt 1200 ]; do i=$((i+1)); sleep 0.05; done; }' } }
            stage('Test') {
              parallel {
                stage('unit') { steps { sh "sleep 0.2; [ '${params.FAIL}' != unit ]" } }
                stage('lint') { steps { echo 'lint ok' } }
              }
            }
            stage('Package') {
              stages {
                stage('Image') { steps { sh 'sleep 0.2' } }
                stage('Sign') { steps { echo 'signed' } }
              }
            }
          }
        }
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WfapiRuns_ListsTheLastRunsNewestFirst_WithTheirStagesStatusesAndDurations()
    {
        // Given three real builds: success, a failure in the parallel 'unit' branch, success
        await using var server = await TestServer.StartRealAsync(("runs", StagedPipeline));
        await RunAsync(server, "runs", "");
        await RunAsync(server, "runs", "unit");
        await RunAsync(server, "runs", "");

        // When Stage View's endpoint is asked
        var runs = await server.Http.GetFromJsonAsync<JsonElement[]>("job/runs/wfapi/runs", Token) ?? [];

        // Then the runs come newest first with Stage View's statuses
        Assert.Equal(["#3", "#2", "#1"], runs.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(["SUCCESS", "FAILED", "SUCCESS"], runs.Select(r => r.GetProperty("status").GetString()));
        Assert.All(runs, r => Assert.True(r.GetProperty("durationMillis").GetInt64() >= 500, r.ToString()));

        // And each run's stages are in pipeline order, parallel branches folded into their parent, nested stages after theirs
        var failed = runs[1].GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["Declarative: Checkout SCM", "Build", "Test", "Package", "Image", "Sign"], failed.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["SUCCESS", "SUCCESS", "FAILED", "NOT_EXECUTED", "NOT_EXECUTED", "NOT_EXECUTED"], failed.Select(s => s.GetProperty("status").GetString()));
        var passed = runs[0].GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["Declarative: Checkout SCM", "Build", "Test", "Package", "Image", "Sign"], passed.Select(s => s.GetProperty("name").GetString()));
        Assert.All(passed, s => Assert.Equal("SUCCESS", s.GetProperty("status").GetString()));
        Assert.InRange(passed[1].GetProperty("durationMillis").GetInt64(), 300, 20_000);
        Assert.InRange(passed[4].GetProperty("durationMillis").GetInt64(), 200, 20_000);
        Assert.True(passed[0].GetProperty("startTimeMillis").GetInt64() >= runs[0].GetProperty("startTimeMillis").GetInt64());
        Assert.Equal("/job/runs/3/wfapi/describe", runs[0].GetProperty("_links").GetProperty("self").GetProperty("href").GetString());

        // And 'since' stops at the given run, included, as Jenkins'
        var since = await server.Http.GetFromJsonAsync<JsonElement[]>("job/runs/wfapi/runs?since=%232&fullStages=true", Token) ?? [];
        Assert.Equal(["#3", "#2"], since.Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task ViewerStageView_PagesThroughBuilds_WithBranchesAndNestedStagesUnderTheirParent()
    {
        // Given three real builds
        await using var server = await TestServer.StartRealAsync(("paging", StagedPipeline));
        await RunAsync(server, "paging", "");
        await RunAsync(server, "paging", "unit");
        await RunAsync(server, "paging", "");

        // When the viewer asks for two, then for those before the second
        var first = await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/paging/stageview?limit=2", Token);
        var rest = await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/paging/stageview?limit=2&before=2", Token);

        // Then the pages split the builds newest first and say whether more are left
        Assert.Equal([3, 2], first.GetProperty("builds").EnumerateArray().Select(b => b.GetProperty("number").GetInt32()));
        Assert.True(first.GetProperty("more").GetBoolean());
        Assert.Equal([1], rest.GetProperty("builds").EnumerateArray().Select(b => b.GetProperty("number").GetInt32()));
        Assert.False(rest.GetProperty("more").GetBoolean());

        // And every stage is there with its parent: parallel branches and nested stages included
        var failed = first.GetProperty("builds")[1];
        Assert.Equal("FAILURE", failed.GetProperty("result").GetString());
        Assert.Equal(0, failed.GetProperty("changeCount").GetInt32());
        var stages = failed.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stageId").GetString()!);
        Assert.Equal(["Build", "Declarative: Checkout SCM", "Package", "Package/Image", "Package/Sign", "Test", "Test/lint", "Test/unit"], stages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Test", stages["Test/unit"].GetProperty("parentId").GetString());
        Assert.Equal("parallel", stages["Test/unit"].GetProperty("kind").GetString());
        Assert.Equal("FAILURE", stages["Test/unit"].GetProperty("status").GetString());
        Assert.Equal("SUCCESS", stages["Test/lint"].GetProperty("status").GetString());
        Assert.Equal("SKIPPED", stages["Package"].GetProperty("status").GetString());
        Assert.Equal("Package", stages["Package/Image"].GetProperty("parentId").GetString());
        Assert.Equal(JsonValueKind.Null, stages["Build"].GetProperty("parentId").ValueKind);
    }

    [Fact]
    public async Task RunningBuild_IsInProgress_WithItsRunningStageTicking()
    {
        // Given a build held in its first stage
        var release = Path.Combine(Path.GetTempPath(), "containercd-stageview-" + Guid.NewGuid().ToString("N"));
        await using var server = await TestServer.StartRealAsync(("held", HeldPipeline(release)));
        var number = await server.TriggerAsync("held");
        try
        {
            // When Stage View is asked while the stage runs
            var stage = await WaitForAsync(server, "job/held/wfapi/runs", runs => Hold(runs, "IN_PROGRESS"));
            await Task.Delay(300, Token);
            var later = await WaitForAsync(server, "job/held/wfapi/runs", runs => Hold(runs, "IN_PROGRESS"));

            // Then the run is in progress and its running stage's duration grows
            var runs = await server.Http.GetFromJsonAsync<JsonElement[]>("job/held/wfapi/runs", Token) ?? [];
            Assert.Equal("IN_PROGRESS", runs[0].GetProperty("status").GetString());
            Assert.Equal("Hold", stage.GetProperty("name").GetString());
            Assert.True(later.GetProperty("durationMillis").GetInt64() >= stage.GetProperty("durationMillis").GetInt64() + 300, $"{stage} then {later}");
        }
        finally
        {
            await File.WriteAllTextAsync(release, "", Token);
        }

        await server.WaitFinishedAsync("held", number);
        File.Delete(release);
    }

    [Fact]
    public async Task UnknownJobOrBadSince_AreClearErrors()
    {
        await using var server = await TestServer.StartRealAsync(("errors", StagedPipeline));

        using var unknown = await server.Http.GetAsync("job/nope/wfapi/runs", Token);
        using var unknownView = await server.Http.GetAsync("api/jobs/nope/stageview", Token);
        using var badSince = await server.Http.GetAsync("job/errors/wfapi/runs?since=latest", Token);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No such job: 'nope'", await unknown.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownView.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSince.StatusCode);
        Assert.Contains("'latest'", await badSince.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var none = await server.Http.GetFromJsonAsync<JsonElement>("job/errors/wfapi/runs", Token);
        Assert.Equal(JsonValueKind.Array, none.ValueKind);
        Assert.Equal(0, none.GetArrayLength());
    }

    /// <summary>One stage that runs until <paramref name="release"/> exists (at most 60 s).</summary>
    internal static string HeldPipeline(string release) => $$"""
        pipeline {
          agent any
          stages {
            stage('Hold') { steps { sh 'i=0; while [ ! -e {{release}} ] && [ $i -lt 1200 ]; do i=$((i+1)); sleep 0.05; done' } }
            stage('After') { steps { echo 'after' } }
          }
        }
        """;

    private static JsonElement Hold(JsonElement[] runs, string status) =>
        runs[0].GetProperty("stages").EnumerateArray().FirstOrDefault(s => s.GetProperty("name").GetString() == "Hold" && s.GetProperty("status").GetString() == status);

    /// <summary>
    /// Runs one build to its end; it must end as FAIL says (its log in the message when not). Each test names its
    /// job differently: servers in one process kill host processes by build id (job/number) when a build ends.
    /// </summary>
    internal static async Task RunAsync(TestServer server, string job, string fail)
    {
        var number = await server.TriggerAsync(job, new() { ["FAIL"] = fail });
        var build = await server.WaitFinishedAsync(job, number);
        var result = build.GetProperty("build").GetProperty("result").GetString();
        Assert.True(result == (fail.Length == 0 ? "SUCCESS" : "FAILURE"), $"{job} #{number}: {result}\n" + await server.Http.GetStringAsync($"job/{job}/{number}/consoleText"));
    }

    private static async Task<JsonElement> WaitForAsync(TestServer server, string url, Func<JsonElement[], JsonElement> pick)
    {
        for (var i = 0; i < 400; i++)
        {
            var runs = await server.Http.GetFromJsonAsync<JsonElement[]>(url, Token) ?? [];
            if (runs.Length > 0 && pick(runs) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            await Task.Delay(50, Token);
        }

        throw new TimeoutException($"{url} never showed what was waited for");
    }
}
