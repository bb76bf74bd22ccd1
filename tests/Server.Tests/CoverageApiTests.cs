using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>Coverage recorded by builds of the real engine, stored per build and served over HTTP.</summary>
public sealed class CoverageApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoBuilds_BuildApiHasTheirCoverageAndTheTrendHasBoth()
    {
        // Given a job whose Cobertura report covers 7 of 10 lines in build 1 and 9 of 10 in build 2 (branches 1/2, none in build 2)
        const string Jenkinsfile = """
            pipeline {
              agent any
              stages {
                stage('Test') {
                  steps {
                    script {
                      def first = env.BUILD_NUMBER == '1'
                      def branches = first ? "branches-covered='1' branches-valid='2'" : "branches-covered='0' branches-valid='0'"
                      writeFile file: 'cov/cobertura.xml', text: "<coverage lines-covered='${first ? 7 : 9}' lines-valid='10' ${branches}><packages/></coverage>"
                      recordCoverage(tools: [[parser: 'COBERTURA']])
                    }
                  }
                }
              }
            }
            """;
        await using var server = await TestServer.StartRealAsync(("cov", Jenkinsfile));
        await server.WaitFinishedAsync("cov", await server.TriggerAsync("cov"));
        var second = await server.TriggerAsync("cov");
        await server.WaitFinishedAsync("cov", second);

        // When
        var build = await server.Http.GetFromJsonAsync<JsonElement>($"api/jobs/cov/builds/{second}", Token);
        var trend = await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/cov/coverage/trend?limit=30", Token);

        // Then
        var coverage = build.GetProperty("coverage");
        Assert.Equal((9, 10, 90.0), Ratio(coverage.GetProperty("line")));
        Assert.Equal(JsonValueKind.Null, coverage.GetProperty("branch").GetProperty("percent").ValueKind);
        Assert.Equal(
            [(1, (7, 10, 70.0), 50.0), (2, (9, 10, 90.0), (double?)null)],
            trend.EnumerateArray().Select(t => (t.GetProperty("number").GetInt32(), Ratio(t.GetProperty("line")),
                t.GetProperty("branch").GetProperty("percent") is { ValueKind: JsonValueKind.Number } p ? p.GetDouble() : (double?)null)));
    }

    [Fact]
    public async Task BuildWithoutCoverage_HasNullCoverageAndAnEmptyTrend()
    {
        await using var server = await TestServer.StartRealAsync(("plain", "pipeline { agent any; stages { stage('s') { steps { echo 'hi' } } } }"));
        var number = await server.TriggerAsync("plain");
        await server.WaitFinishedAsync("plain", number);

        var build = await server.Http.GetFromJsonAsync<JsonElement>($"api/jobs/plain/builds/{number}", Token);
        var trend = await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/plain/coverage/trend", Token);

        Assert.Equal(JsonValueKind.Null, build.GetProperty("coverage").ValueKind);
        Assert.Equal(0, trend.GetArrayLength());
    }

    [Fact]
    public async Task TwoBuilds_BuildApiHasEachToolWithItsChangeAgainstThePreviousBuild()
    {
        // Given two builds of a job recording JaCoCo (recordCoverage) and Cobertura (cobertura)
        await using var server = await TestServer.StartRealAsync(("tools", CoverageJenkinsfiles.TwoRecorders));
        await server.WaitFinishedAsync("tools", await server.TriggerAsync("tools"));
        var second = await server.TriggerAsync("tools");
        await server.WaitFinishedAsync("tools", second);

        // When
        var coverage = (await server.Http.GetFromJsonAsync<JsonElement>($"api/jobs/tools/builds/{second}", Token)).GetProperty("coverage");
        var first = (await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/tools/builds/1", Token)).GetProperty("coverage");

        // Then each tool has its counts and the change in points against build 1 (JaCoCo 60 -> 80 %, 25 -> 75 %; Cobertura 70 -> 90 %, 50 -> 50 %)
        Assert.Equal(1, coverage.GetProperty("reference").GetInt32());
        Assert.Equal((17, 20, 85.0), Ratio(coverage.GetProperty("line")));
        Assert.Equal(
            [("recordCoverage", "JaCoCo", (8, 10, 80.0), (3, 4, 75.0), 20.0, 50.0), ("cobertura", "Cobertura", (9, 10, 90.0), (1, 2, 50.0), 20.0, 0.0)],
            coverage.GetProperty("tools").EnumerateArray().Select(t => (
                t.GetProperty("recorder").GetString(), t.GetProperty("tool").GetString(), Ratio(t.GetProperty("line")), Ratio(t.GetProperty("branch")),
                t.GetProperty("lineDelta").GetDouble(), t.GetProperty("branchDelta").GetDouble())));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("reference").ValueKind);
        Assert.All(first.GetProperty("tools").EnumerateArray(), t => Assert.Equal(JsonValueKind.Null, t.GetProperty("lineDelta").ValueKind));
    }

    [Fact]
    public async Task TwoBuilds_JenkinsCoverageAndCoberturaApisAnswerAsThePlugins()
    {
        // Given two builds of a job recording JaCoCo (recordCoverage) and Cobertura (cobertura)
        await using var server = await TestServer.StartRealAsync(("plugins", CoverageJenkinsfiles.TwoRecorders));
        await server.WaitFinishedAsync("plugins", await server.TriggerAsync("plugins"));
        var second = await server.TriggerAsync("plugins");
        await server.WaitFinishedAsync("plugins", second);

        // When
        var build = await server.Http.GetFromJsonAsync<JsonElement>($"job/plugins/{second}/api/json", Token);
        var coverage = await server.Http.GetFromJsonAsync<JsonElement>($"job/plugins/{second}/coverage/api/json", Token);
        var firstCoverage = await server.Http.GetFromJsonAsync<JsonElement>("job/plugins/1/coverage/api/json", Token);
        var cobertura = await server.Http.GetFromJsonAsync<JsonElement>($"job/plugins/{second}/cobertura/api/json", Token);

        // Then the build's actions name both plugins' actions
        var classes = build.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("_class").GetString()).ToList();
        Assert.Contains("io.jenkins.plugins.coverage.metrics.steps.CoverageBuildAction", classes);
        Assert.Contains("hudson.plugins.cobertura.CoberturaBuildAction", classes);

        // And the coverage plugin's API has recordCoverage's JaCoCo numbers, formatted as the plugin does, and the delta against build 1
        Assert.Equal("io.jenkins.plugins.coverage.metrics.restapi.CoverageApi", coverage.GetProperty("_class").GetString());
        Assert.Equal("""{"branch":"75.00%","line":"80.00%","loc":"10"}""", coverage.GetProperty("projectStatistics").GetRawText());
        Assert.Equal(
            [("branch", "+50.00%"), ("line", "+20.00%"), ("loc", "±0")],
            coverage.GetProperty("projectDelta").EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
        Assert.Equal("<a href=\"/job/plugins/1/\">plugins #1</a>", coverage.GetProperty("referenceBuild").GetString());
        Assert.Equal("INACTIVE", coverage.GetProperty("qualityGates").GetProperty("overallResult").GetString());
        Assert.Equal("{}", coverage.GetProperty("modifiedLinesStatistics").GetRawText());
        Assert.Equal("{}", firstCoverage.GetProperty("projectDelta").GetRawText());
        Assert.Equal("-", firstCoverage.GetProperty("referenceBuild").GetString());
        Assert.Equal("""{"branch":"25.00%","line":"60.00%","loc":"10"}""", firstCoverage.GetProperty("projectStatistics").GetRawText());

        // And the cobertura plugin's API has the cobertura step's numbers as its results tree's elements
        Assert.Equal("hudson.plugins.cobertura.targets.CoverageResult", cobertura.GetProperty("_class").GetString());
        var results = cobertura.GetProperty("results");
        Assert.Equal("Cobertura Coverage Report", results.GetProperty("name").GetString());
        Assert.Equal(
            [("Lines", 90.0, 9.0, 10.0), ("Conditionals", 50.0, 1.0, 2.0)],
            results.GetProperty("elements").EnumerateArray().Select(e => (
                e.GetProperty("name").GetString(), e.GetProperty("ratio").GetDouble(), e.GetProperty("numerator").GetDouble(), e.GetProperty("denominator").GetDouble())));
    }

    [Fact]
    public async Task BuildWithoutCoverage_PluginApisAreNotFoundAndNoAction()
    {
        await using var server = await TestServer.StartRealAsync(("bare", "pipeline { agent any; stages { stage('s') { steps { echo 'hi' } } } }"));
        var number = await server.TriggerAsync("bare");
        await server.WaitFinishedAsync("bare", number);

        var build = await server.Http.GetFromJsonAsync<JsonElement>($"job/bare/{number}/api/json", Token);
        var coverage = await server.Http.GetAsync(new Uri($"job/bare/{number}/coverage/api/json", UriKind.Relative), Token);
        var cobertura = await server.Http.GetAsync(new Uri($"job/bare/{number}/cobertura/api/json", UriKind.Relative), Token);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, coverage.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, cobertura.StatusCode);
        Assert.DoesNotContain(build.GetProperty("actions").EnumerateArray(), a => a.GetProperty("_class").GetString()!.Contains("overage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildDiscarder_DeletedBuildLeavesTheCoverageAndTestTrends()
    {
        // Given a job keeping two builds, each recording coverage and one test
        await using var server = await TestServer.StartRealAsync(("kept", """
            pipeline {
              agent any
              options { buildDiscarder(logRotator(numToKeepStr: '2')) }
              stages {
                stage('s') {
                  steps {
                    writeFile file: 'cobertura.xml', text: "<coverage lines-covered='${env.BUILD_NUMBER}' lines-valid='10'><packages/></coverage>"
                    recordCoverage(tools: [[parser: 'COBERTURA']])
                    writeFile file: 'junit.xml', text: "<testsuite name='s'><testcase classname='c' name='t${env.BUILD_NUMBER}'/></testsuite>"
                    junit 'junit.xml'
                  }
                }
              }
            }
            """));

        // When it builds three times
        for (var i = 1; i <= 3; i++)
        {
            await server.WaitFinishedAsync("kept", await server.TriggerAsync("kept"), 60);
        }

        // Then build 1 is in neither trend
        var coverage = await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/kept/coverage/trend", Token);
        var tests = await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/kept/tests/trend", Token);
        Assert.Equal([(2, 2), (3, 3)], coverage.EnumerateArray().Select(t => (t.GetProperty("number").GetInt32(), t.GetProperty("line").GetProperty("covered").GetInt32())));
        Assert.Equal([(2, 1), (3, 1)], tests.EnumerateArray().Select(t => (t.GetProperty("number").GetInt32(), t.GetProperty("total").GetInt32())));
    }

    private static (int Covered, int Total, double Percent) Ratio(JsonElement ratio) =>
        (ratio.GetProperty("covered").GetInt32(), ratio.GetProperty("total").GetInt32(), ratio.GetProperty("percent").GetDouble());
}
