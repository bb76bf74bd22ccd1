using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Runtime.Tests.TestReports;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>The Tests tab's pages (<c>/api/jobs/J/builds/N/tests</c>): the tab's order, paging, the status and the filter applied by the server.</summary>
public sealed class TestsTabApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagedBuild_PagesInTheTabsOrder_AddUpToEveryCaseOnce()
    {
        // Given a build whose stage Unit recorded 450 generated cases (9 failing) and stage Integration 300 (3 failing)
        await using var server = await PagedServerAsync(450, 50, 300, 100);
        var number = await server.TriggerAsync("paged");
        await server.WaitFinishedAsync("paged", number);

        // When the layout and then every page of 100 are asked for
        var first = await GetAsync(server, number, "from=0&count=100&layout=true");
        var rows = new List<JsonElement>();
        for (var from = 0; from < first.GetProperty("matched").GetInt32(); from += 100)
        {
            var page = await GetAsync(server, number, $"from={from}&count=100");
            Assert.Equal(JsonValueKind.Null, page.GetProperty("groups").ValueKind);
            rows.AddRange(page.GetProperty("cases").EnumerateArray());
        }

        // Then the groups are failures first, then passes, each by stage (in the order they ran) and suite, with their counts
        var stages = first.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stageId").GetString()!, s => s.GetProperty("name").GetString());
        var groups = first.GetProperty("groups").EnumerateArray()
            .Select(g => $"{g[0].GetString()} {stages[g[1].GetString()!]} {g[2].GetString()![12..]} {g[3].GetInt32()}").ToList();
        Assert.Equal(
            [
                "FAILED Unit Suite0 2", "FAILED Unit Suite1 2", "FAILED Unit Suite2 2", "FAILED Unit Suite3 2", "FAILED Unit Suite4 1",
                "FAILED Integration Suite0 1", "FAILED Integration Suite1 1", "FAILED Integration Suite2 1",
                "PASSED Unit Suite0 98", "PASSED Unit Suite1 98", "PASSED Unit Suite2 98", "PASSED Unit Suite3 98", "PASSED Unit Suite4 49",
                "PASSED Integration Suite0 99", "PASSED Integration Suite1 99", "PASSED Integration Suite2 99",
            ],
            groups);
        Assert.Equal((750, 12, 750), (first.GetProperty("total").GetInt32(), first.GetProperty("failed").GetInt32(), first.GetProperty("matched").GetInt32()));

        // And the pages hold every case once, in that order, each naming its group; failures carry their message and stack trace
        Assert.Equal(750, rows.Count);
        Assert.Equal(750, rows.Select(r => (r[0].GetInt32(), r[2].GetString())).Distinct().Count());
        Assert.Equal(rows.Select(r => r[0].GetInt32()).Order(), rows.Select(r => r[0].GetInt32()));
        Assert.Equal(["test49", "test99", "test149"], rows.Take(3).Select(r => r[2].GetString()));
        Assert.Equal(("FAILED", "expected true"), (rows[0][3].GetString(), rows[0][7].GetString()));
        Assert.StartsWith("java.lang.AssertionError", rows[0][8].GetString(), StringComparison.Ordinal);
        Assert.Equal(("test298", "PASSED", 7), (rows[^1][2].GetString(), rows[^1][3].GetString(), rows[^1].GetArrayLength()));
    }

    [Fact]
    public async Task PagedBuild_StatusAndFilter_AreAppliedByTheServer()
    {
        // Given the same build
        await using var server = await PagedServerAsync(450, 50, 300, 100);
        var number = await server.TriggerAsync("paged");
        await server.WaitFinishedAsync("paged", number);

        // When the failures of suite 1 are asked for (in another case), then the cases of a stage by its name, then a page past the end
        var failedSuite1 = await GetAsync(server, number, "status=failed&q=SUITE1&layout=true");
        var integration = await GetAsync(server, number, "q=integration&from=250&count=100");
        var past = await GetAsync(server, number, "status=passed&from=5000");

        // Then only the matching cases are counted and sent
        Assert.Equal(3, failedSuite1.GetProperty("matched").GetInt32());
        Assert.Equal(["test149", "test199", "test199"], failedSuite1.GetProperty("cases").EnumerateArray().Select(c => c[2].GetString()));
        Assert.Equal(2, failedSuite1.GetProperty("groups").GetArrayLength());
        Assert.Equal(750, failedSuite1.GetProperty("total").GetInt32());
        Assert.Equal(300, integration.GetProperty("matched").GetInt32());
        Assert.Equal(50, integration.GetProperty("cases").GetArrayLength());
        Assert.Equal((738, 0), (past.GetProperty("matched").GetInt32(), past.GetProperty("cases").GetArrayLength()));
    }

    [Theory]
    [InlineData("status=broken", "status must be one of all, failed, passed, skipped, not 'broken'")]
    [InlineData("count=501", "from must be 0 or more and count between 1 and 500")]
    [InlineData("from=-1", "from must be 0 or more and count between 1 and 500")]
    public async Task BadQuery_Answers400NamingIt(string query, string error)
    {
        await using var server = await PagedServerAsync(10, 5, 10, 5);
        var number = await server.TriggerAsync("paged");
        await server.WaitFinishedAsync("paged", number);

        using var response = await server.Http.GetAsync($"api/jobs/paged/builds/{number}/tests?{query}", Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("error").GetString());
    }

    /// <summary>
    /// A server whose job 'paged' records generated reports (suites com.example.SuiteK of 100 cases testI, every
    /// <c>failEvery</c>th failing) in two stages, Unit then Integration.
    /// </summary>
    internal static async Task<TestServer> PagedServerAsync(int unitCases, int unitFailEvery, int integrationCases, int integrationFailEvery)
    {
        var home = TestServer.NewHome();
        var folder = Path.Combine(home, "jobs", "paged");
        Directory.CreateDirectory(folder);
        GeneratedReport.Write(Path.Combine(folder, "unit.xml"), unitCases, unitFailEvery);
        GeneratedReport.Write(Path.Combine(folder, "it.xml"), integrationCases, integrationFailEvery);
        const string Jenkinsfile = """
            pipeline {
              agent any
              stages {
                stage('Unit') { steps { junit 'unit.xml' } }
                stage('Integration') { steps { junit 'it.xml' } }
              }
            }
            """;
        return await TestServer.StartRealAsync(ServerSeams.Default, home, 1, ("paged", Jenkinsfile));
    }

    private static Task<JsonElement> GetAsync(TestServer server, int number, string query) =>
        server.Http.GetFromJsonAsync<JsonElement>($"api/jobs/paged/builds/{number}/tests?{query}", Token);
}
