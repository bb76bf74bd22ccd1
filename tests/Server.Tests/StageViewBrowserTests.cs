using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>The job page's Stage View in headless Chromium, over real engine builds.</summary>
public sealed class StageViewBrowserTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JobPage_ShowsBuildsByStages_WithColoursDurationsAverages_LiveCells_AndStageLogLinks()
    {
        // Given three real builds: success, a failure in the parallel 'unit' branch, success
        await using var server = await TestServer.StartRealAsync(("shown", StageViewApiTests.StagedPipeline));
        foreach (var fail in new[] { "", "unit", "" })
        {
            await StageViewApiTests.RunAsync(server, "shown", fail);
        }

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        // When the job page is opened
        await page.GotoAsync($"{server.BaseUrl}/job/shown/");
        var rows = page.Locator("[data-testid=stageview] tr.sv-row");
        await page.Locator("[data-testid=stageview] tr.sv-row[data-build='1']").WaitForAsync(new() { Timeout = 10_000 });

        // Then it shows three rows, newest first, with the builds' results
        Assert.Equal(["3", "2", "1"], await AttributesAsync(rows, "data-build"));
        Assert.Equal(["SUCCESS", "FAILURE", "SUCCESS"], await AttributesAsync(rows, "data-status"));

        // And the stages as columns in pipeline order, parallel branches and nested stages folded under their parent
        Assert.Equal(["Declarative: Checkout SCM", "Build", "Test", "Package"], await AttributesAsync(page.Locator("[data-testid=stageview] th.sv-col"), "data-column"));

        // And each cell has its stage's status and colour and duration
        Assert.Equal("FAILURE", await Cell(page, 2, "Test").GetAttributeAsync("data-status"));
        Assert.Equal("SKIPPED", await Cell(page, 2, "Package").GetAttributeAsync("data-status"));
        Assert.Equal("skipped", await Cell(page, 2, "Package").InnerTextAsync());
        Assert.Equal("SUCCESS", await Cell(page, 3, "Package").GetAttributeAsync("data-status"));
        Assert.Equal("rgb(218, 251, 225)", await BackgroundAsync(Cell(page, 3, "Build")));
        Assert.Equal("rgb(255, 215, 213)", await BackgroundAsync(Cell(page, 2, "Test")));
        var view = await server.Http.GetFromJsonAsync<JsonElement>("api/jobs/shown/stageview", Token);
        var build = view.GetProperty("builds").EnumerateArray()
            .ToDictionary(b => b.GetProperty("number").GetInt32(), b => b.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stageId").GetString() == "Build").GetProperty("durationMillis").GetInt64());
        Assert.Equal(Seconds(build[3]), await Cell(page, 3, "Build").InnerTextAsync());
        Assert.Equal(Seconds(build[2]), await Cell(page, 2, "Build").InnerTextAsync());

        // And the average stage times are over the successful builds (#3 and #1)
        Assert.Equal(Seconds((build[3] + build[1]) / 2.0), await page.Locator("[data-testid=stageview-averages] td[data-stage='Build']").InnerTextAsync());
        Assert.Contains("Average full run time", await page.Locator("[data-testid=stageview-average-run]").InnerTextAsync(), StringComparison.Ordinal);

        Assert.DoesNotContain("null", await page.Locator("[data-testid=stageview-pane]").InnerTextAsync(), StringComparison.Ordinal);

        // And the place for the test trend is beside it
        Assert.Equal(1, await page.Locator("#test-trend").CountAsync());

        // When the parallel stage is unfolded, its branches show as columns with their own statuses
        await page.Locator("th[data-column='Test'] button.sv-fold").ClickAsync();
        var unfolded = await AttributesAsync(page.Locator("[data-testid=stageview] th.sv-col"), "data-column");
        Assert.Equal(["Declarative: Checkout SCM", "Build", "Test"], unfolded[..3]);
        Assert.Equal(["Test/lint", "Test/unit"], unfolded[3..5].Order(StringComparer.Ordinal)); // branches in the order they started
        Assert.Equal("Package", unfolded[5]);
        Assert.Equal("FAILURE", await Cell(page, 2, "Test/unit").GetAttributeAsync("data-status"));
        Assert.Equal("SUCCESS", await Cell(page, 2, "Test/lint").GetAttributeAsync("data-status"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("stageview.png"), FullPage = true });

        // When a fourth build runs, held in its Build stage
        var release = Path.Combine(Path.GetTempPath(), "containercd-stageview-" + Guid.NewGuid().ToString("N"));
        var fourth = await server.TriggerAsync("shown", new() { ["HOLD"] = release });
        try
        {
            // Then its row appears live, the running cell ticking
            await page.Locator("tr.sv-row[data-build='4'] td[data-stage='Build'][data-status='RUNNING']").WaitForAsync(new() { Timeout = 15_000 });
            var first = await Cell(page, 4, "Build").InnerTextAsync();
            await page.WaitForFunctionAsync(
                "t => { const c = document.querySelector(\"tr.sv-row[data-build='4'] td[data-stage='Build']\"); return c && c.dataset.status === 'RUNNING' && c.innerText !== t; }",
                first, new() { Timeout = 5_000 });
            Assert.Equal("RUNNING", await page.Locator("tr.sv-row[data-build='4']").GetAttributeAsync("data-status"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("stageview-live.png"), FullPage = true });
        }
        finally
        {
            await File.WriteAllTextAsync(release, "", Token);
        }

        // And once it has ended (however long a loaded machine takes), its cells and row turn green without a reload
        await server.WaitFinishedAsync("shown", fourth, timeoutSeconds: 90);
        File.Delete(release);
        await page.Locator("tr.sv-row[data-build='4'][data-status='SUCCESS']").WaitForAsync(new() { Timeout = 10_000 });
        await page.Locator("tr.sv-row[data-build='4'] td[data-stage='Package'][data-status='SUCCESS']").WaitForAsync(new() { Timeout = 5_000 });
        Assert.Equal(4, await rows.CountAsync());

        // When a cell is clicked, that stage's log opens
        await Cell(page, 2, "Test").ClickAsync();
        await page.WaitForURLAsync("**/job/shown/2/stage/Test");
        await page.Locator("[data-testid=log] .line", new() { HasTextString = "lint ok" }).First.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(0, await page.Locator("[data-testid=log] .line", new() { HasTextString = "sleep 0.3" }).CountAsync());
    }

    private static ILocator Cell(IPage page, int build, string stageId) =>
        page.Locator($"[data-testid=stageview] tr.sv-row[data-build='{build}'] td[data-stage='{stageId}']");

    private static Task<string[]> AttributesAsync(ILocator locator, string name) =>
        locator.EvaluateAllAsync<string[]>("(es, name) => es.map(e => e.getAttribute(name) ?? '')", name);

    private static Task<string> BackgroundAsync(ILocator cell) => cell.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    /// <summary>The viewer's text for a duration under 10 s.</summary>
    private static string Seconds(double millis) => (millis / 1000).ToString("F1", CultureInfo.InvariantCulture) + "s";
}
