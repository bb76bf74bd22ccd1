using Microsoft.Playwright;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>The build page in headless Chromium lists what the build published: its artifacts and its HTML reports.</summary>
public sealed class PublishedBrowserTests
{
    private const string Publishing = """
        pipeline {
          agent any
          stages {
            stage('Publish') {
              steps {
                writeFile file: 'dist/app.txt', text: 'the app'
                writeFile file: 'dist/<img src=x onerror=window.__xss=1>.txt', text: 'odd name'
                writeFile file: 'site/index.html', text: '<html><head><title>Report</title><script>document.title = "owned"</script></head><body><p id="p">report body</p></body></html>'
                archiveArtifacts artifacts: 'dist/*.txt'
                publishHTML(target: [reportDir: 'site', reportFiles: 'index.html', reportName: 'Site Report', keepAll: true])
              }
            }
          }
        }
        """;

    [Fact]
    public async Task BuildPage_ListsArtifactsAndReports_AndTheReportRunsNoScript()
    {
        // Given a finished build that archived two files (one named like markup) and published a report with a script
        await using var server = await TestServer.StartRealAsync(("pub", Publishing));
        var number = await server.TriggerAsync("pub");
        await server.WaitFinishedAsync("pub", number);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        // When its page is open
        await page.GotoAsync($"{server.BaseUrl}/job/pub/{number}/");

        // Then the artifacts are listed as text, each linking to its download, with the zip of all
        var artifacts = page.Locator("[data-testid=artifact]");
        await artifacts.First.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(["<img src=x onerror=window.__xss=1>.txt", "app.txt"], await artifacts.AllTextContentsAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss"));
        var href = await artifacts.Nth(1).GetAttributeAsync("href");
        Assert.Equal($"/job/pub/{number}/artifact/dist/app.txt", href);
        var download = await page.APIRequest.GetAsync(server.BaseUrl + href);
        Assert.Equal("the app", await download.TextAsync());
        Assert.Equal($"/job/pub/{number}/artifact/*zip*/archive.zip", await page.Locator("[data-testid=artifacts-zip]").GetAttributeAsync("href"));

        // And the report is linked, and opens sandboxed: its text shows, its script does not run
        var report = page.Locator("[data-testid=report]");
        Assert.Equal("Site Report", await report.TextContentAsync());
        await report.ClickAsync();
        // (waiting for the navigation only, not the report's load event, which a loaded machine has been seen to miss)
        await page.WaitForURLAsync($"**/job/pub/{number}/Site_20Report/index.html", new() { WaitUntil = WaitUntilState.Commit });
        Assert.Equal("report body", await page.Locator("#p").TextContentAsync());
        Assert.Equal("Report", await page.TitleAsync());
    }
}
