using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>publishHTML's reports served where Jenkins' htmlpublisher serves them, sandboxed.</summary>
public sealed class ReportApiTests
{
    private const string Csp = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";

    private const string Publishing = """
        pipeline {
          agent any
          stages {
            stage('Report') {
              steps {
                writeFile file: 'out/site/index.html', text: '<html><script>parent.document.title="owned"</script><a href="sub/page.html">x</a></html>'
                writeFile file: 'out/site/sub/page.html', text: "sub page of ${env.BUILD_NUMBER}"
                writeFile file: 'out/site/notes.txt', text: 'not included'
                publishHTML(target: [reportDir: 'out/site', reportFiles: 'index.html', reportName: 'Coverage Report', keepAll: true, alwaysLinkToLastBuild: true, includes: '**/*.html'])
                publishHTML([reportDir: 'out/site', reportFiles: 'sub/page.html', reportName: 'Latest', keepAll: false])
              }
            }
          }
        }
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishedReport_ServedSandboxedUnderItsSanitizedName_PerBuildAndForTheJob()
    {
        // Given two builds that publish a kept report and one that is not kept
        await using var server = await TestServer.StartRealAsync(("app", Publishing));
        var first = await server.TriggerAsync("app");
        var build = await server.WaitFinishedAsync("app", first);
        Assert.Equal("SUCCESS", build.GetProperty("build").GetProperty("result").GetString());
        var second = await server.TriggerAsync("app");
        await server.WaitFinishedAsync("app", second);

        // Then the build's report is served under htmlpublisher's URL name, under Jenkins' sandbox CSP
        using var index = await server.Http.GetAsync($"job/app/{first}/Coverage_20Report/index.html", Token);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Csp, index.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("parent.document.title", await index.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        // And the report's folder opens on its index page; only the included files were copied
        using var folder = await server.Http.GetAsync($"job/app/{first}/Coverage_20Report/", Token);
        Assert.EndsWith($"/job/app/{first}/Coverage_20Report/index.html", folder.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        using var excluded = await server.Http.GetAsync($"job/app/{first}/Coverage_20Report/notes.txt", Token);
        Assert.Equal(HttpStatusCode.NotFound, excluded.StatusCode);

        // And the job's link is the newest build's report
        Assert.Equal($"sub page of {second}", await server.Http.GetStringAsync("job/app/Coverage_20Report/sub/page.html", Token));

        // And a report without keepAll is only the newest build's
        using var forgotten = await server.Http.GetAsync($"job/app/{first}/Latest/sub/page.html", Token);
        Assert.Equal(HttpStatusCode.NotFound, forgotten.StatusCode);
        Assert.Equal($"sub page of {second}", await server.Http.GetStringAsync($"job/app/{second}/Latest/sub/page.html", Token));

        // And the viewer learns a build's reports and their links
        var reports = await server.Http.GetFromJsonAsync<JsonElement>($"api/jobs/app/builds/{second}/reports", Token);
        Assert.Equal(
            [("Coverage Report", $"/job/app/{second}/Coverage_20Report/"), ("Latest", $"/job/app/{second}/Latest/")],
            reports.EnumerateArray().Select(r => (r.GetProperty("name").GetString(), r.GetProperty("url").GetString())));

        // And the viewer's own pages beside them are not hidden, and nothing outside a report is reached
        using var console = await server.Http.GetAsync($"job/app/{first}/console", Token);
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.False(console.Headers.Contains("Content-Security-Policy"));
        var escape = new Uri($"{server.BaseUrl}/job/app/{first}/Coverage_20Report/..%2f..%2f{second}%2fLatest%2fsub%2fpage.html", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var escaped = await server.Http.GetAsync(escape, Token);
        Assert.Equal(HttpStatusCode.NotFound, escaped.StatusCode);
    }

    [Theory]
    [InlineData("false", "FAILURE")]
    [InlineData("true", "SUCCESS")]
    public async Task MissingReportDirectory_FailsTheStep_UnlessAllowMissing(string allowMissing, string result)
    {
        await using var server = await TestServer.StartRealAsync(("app", $$"""
            pipeline { agent any; stages { stage('Report') { steps {
              publishHTML(target: [reportDir: 'nowhere', reportFiles: 'index.html', reportName: 'Docs', allowMissing: {{allowMissing}}])
            } } } }
            """));

        var number = await server.TriggerAsync("app");
        var build = await server.WaitFinishedAsync("app", number);

        Assert.Equal(result, build.GetProperty("build").GetProperty("result").GetString());
        var log = await server.Http.GetStringAsync($"job/app/{number}/consoleText", Token);
        Assert.Contains("Specified HTML directory '", log, StringComparison.Ordinal);
        Assert.Contains("/nowhere' does not exist.", log, StringComparison.Ordinal);
    }
}
