using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>Jenkins' testReport API and TestResultAction, and the viewer's test data, from builds of the real engine.</summary>
public sealed class TestReportApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExampleBuild_TestReportApi_GivesJenkinsCountsSuitesAndStages()
    {
        // Given the examples/tests job (3 failures in two stages) built once
        await using var server = await ExampleServerAsync();
        var number = await server.TriggerAsync("tests");
        var build = await server.WaitFinishedAsync("tests", number);
        Assert.Equal("UNSTABLE", build.GetProperty("build").GetProperty("result").GetString());

        // When Jenkins' testReport API is asked, for the number and for the permalink with a tree= filter
        var report = await server.Http.GetFromJsonAsync<JsonElement>($"job/tests/{number}/testReport/api/json", Token);
        var permalink = await server.Http.GetFromJsonAsync<JsonElement>("job/tests/lastCompletedBuild/testReport/api/json?tree=failCount,passCount", Token);

        // Then the counts are exact, each suite names its stage, failures carry Jenkins' fields
        Assert.Equal("hudson.tasks.junit.TestResult", report.GetProperty("_class").GetString());
        Assert.Equal((3, 5, 1, false), (report.GetProperty("failCount").GetInt32(), report.GetProperty("passCount").GetInt32(),
            report.GetProperty("skipCount").GetInt32(), report.GetProperty("empty").GetBoolean()));
        Assert.Equal(3, permalink.GetProperty("failCount").GetInt32());
        var suites = report.GetProperty("suites").EnumerateArray().ToList();
        Assert.Equal(
            [("com.example.CalculatorTest", "Unit"), ("pytest", "Integration")],
            suites.Select(s => (s.GetProperty("name").GetString(), s.GetProperty("enclosingBlockNames")[0].GetString())));
        var divides = suites[0].GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "divides");
        Assert.Equal("FAILED", divides.GetProperty("status").GetString());
        Assert.Equal("com.example.CalculatorTest", divides.GetProperty("className").GetString());
        Assert.Equal("expected: <2> but was: <3>", divides.GetProperty("errorDetails").GetString());
        Assert.StartsWith("org.opentest4j.AssertionFailedError", divides.GetProperty("errorStackTrace").GetString(), StringComparison.Ordinal);
        Assert.Equal(0.012, divides.GetProperty("duration").GetDouble());
        Assert.Equal((1, number), (divides.GetProperty("age").GetInt32(), divides.GetProperty("failedSince").GetInt32()));
        var skipped = suites[1].GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("skipped").GetBoolean());
        Assert.Equal(("SKIPPED", "metrics are disabled"), (skipped.GetProperty("status").GetString(), skipped.GetProperty("skippedMessage").GetString()));

        // And the build's api/json has the TestResultAction Jenkins tools read
        var run = await server.Http.GetFromJsonAsync<JsonElement>($"job/tests/{number}/api/json", Token);
        var action = run.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("_class").GetString() == "hudson.tasks.junit.TestResultAction");
        Assert.Equal((3, 1, 9, "testReport"), (action.GetProperty("failCount").GetInt32(), action.GetProperty("skipCount").GetInt32(),
            action.GetProperty("totalCount").GetInt32(), action.GetProperty("urlName").GetString()));
    }

    [Fact]
    public async Task SecondBuild_Statuses_AreComputedAgainstThePreviousBuildAsJenkins()
    {
        // Given two builds: 'a' passes then fails, 'b' fails then passes, 'c' fails in both, 'd' is new and fails
        const string Jenkinsfile = """
            pipeline {
              agent any
              stages {
                stage('Test') {
                  steps {
                    script {
                      def first = env.BUILD_NUMBER == '1'
                      def result = { String name, boolean fails -> fails ? "<testcase classname='k' name='${name}'><failure message='${name} broke'/></testcase>" : "<testcase classname='k' name='${name}'/>" }
                      def cases = result('a', !first) + result('b', first) + result('c', true) + (first ? '' : result('d', true))
                      writeFile file: 'r.xml', text: "<testsuite name='s'>${cases}</testsuite>"
                      junit 'r.xml'
                    }
                  }
                }
              }
            }
            """;
        await using var server = await TestServer.StartRealAsync(("flip", Jenkinsfile));
        await server.WaitFinishedAsync("flip", await server.TriggerAsync("flip"));
        var number = await server.TriggerAsync("flip");
        await server.WaitFinishedAsync("flip", number);

        // When
        var report = await server.Http.GetFromJsonAsync<JsonElement>($"job/flip/{number}/testReport/api/json", Token);
        var viewer = await server.Http.GetFromJsonAsync<JsonElement>($"api/jobs/flip/builds/{number}/tests", Token);
        var trend = await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/flip/tests/trend", Token);

        // Then
        var cases = report.GetProperty("suites")[0].GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("status").GetString(), c.GetProperty("age").GetInt32(), c.GetProperty("failedSince").GetInt32()));
        Assert.Equal(("REGRESSION", 1, 2), cases["a"]);
        Assert.Equal(("FIXED", 0, 0), cases["b"]);
        Assert.Equal(("FAILED", 2, 1), cases["c"]);
        Assert.Equal(("FAILED", 1, 2), cases["d"]);
        var flaky = viewer.GetProperty("cases").EnumerateArray().ToDictionary(c => c[2].GetString()!, c => c[6].GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["a"] = true, ["b"] = true, ["c"] = false, ["d"] = false }, flaky);
        Assert.Equal(
            new Dictionary<string, string?> { ["a"] = "REGRESSION", ["b"] = "FIXED", ["c"] = "FAILED", ["d"] = "FAILED" },
            viewer.GetProperty("cases").EnumerateArray().ToDictionary(c => c[2].GetString()!, c => c[3].GetString()));
        Assert.Equal([(1, 3, 2), (2, 4, 3)], trend.EnumerateArray().Select(t => (t.GetProperty("number").GetInt32(), t.GetProperty("total").GetInt32(), t.GetProperty("failed").GetInt32())));
    }

    [Fact]
    public async Task BuildWithoutTests_TestReportApi_Answers404AndHasNoTestAction()
    {
        await using var server = await TestServer.StartRealAsync(("plain", "pipeline { agent any; stages { stage('s') { steps { echo 'hi' } } } }"));
        var number = await server.TriggerAsync("plain");
        await server.WaitFinishedAsync("plain", number);

        using var response = await server.Http.GetAsync($"job/plain/{number}/testReport/api/json", Token);
        var run = await server.Http.GetFromJsonAsync<JsonElement>($"job/plain/{number}/api/json", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(run.GetProperty("actions").EnumerateArray(), a => a.GetProperty("_class").GetString() == "hudson.tasks.junit.TestResultAction");
    }

    /// <summary>A server whose job 'tests' is the examples/tests folder (its Jenkinsfile and checked-in reports).</summary>
    internal static async Task<TestServer> ExampleServerAsync()
    {
        var home = TestServer.NewHome();
        var example = Path.Combine(RepositoryRoot(), "examples", "tests");
        var job = Path.Combine(home, "jobs", "tests");
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(job, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return await TestServer.StartRealAsync(ServerSeams.Default, home, 2, ("tests", await File.ReadAllTextAsync(Path.Combine(example, "Jenkinsfile"), Token)));
    }

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "ContainerCd.sln")))
        {
            directory = Path.GetDirectoryName(directory)!;
        }

        return directory;
    }
}
