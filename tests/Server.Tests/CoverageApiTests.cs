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

    private static (int Covered, int Total, double Percent) Ratio(JsonElement ratio) =>
        (ratio.GetProperty("covered").GetInt32(), ratio.GetProperty("total").GetInt32(), ratio.GetProperty("percent").GetDouble());
}
