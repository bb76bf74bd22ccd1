using ContainerCd.Server.Tests.Support;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>Coverage on the build page and the job page's coverage trend, in headless Chromium against a real server.</summary>
public sealed class CoverageBrowserTests
{
    [Fact]
    public async Task RunningBuildRecordsCoverage_BuildPageAndJobTrendShowItLive()
    {
        // Given build 1 finished (JaCoCo lines 6/10, branches 1/4; Cobertura 7/10, 1/2) and build 2 waiting before it records coverage
        await using var server = await TestServer.StartRealAsync(("gated", CoverageJenkinsfiles.BetweenInputs));
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await FinishFirstAsync(server, page);
        var second = await server.TriggerAsync("gated");
        await page.GotoAsync($"{server.BaseUrl}/job/gated/{second}/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).WaitForAsync(new() { Timeout = 20_000 });
        Assert.Equal(0, await page.Locator("[data-testid=coverage] tr[data-tool]").CountAsync());

        // When the build goes on and records coverage (then waits again)
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();

        // Then the open build page shows each tool's numbers (JaCoCo 8/10 and 3/4, Cobertura 9/10 and 1/2) and the change against build 1
        await page.Locator("[data-testid=coverage] tr[data-tool=Cobertura]").WaitForAsync(new() { Timeout = 20_000 });
        Assert.Equal(
            [("JaCoCo (recordCoverage)", "80.00% (8/10) +20.00%", "75.00% (3/4) +50.00%"), ("Cobertura (cobertura)", "90.00% (9/10) +20.00%", "50.00% (1/2) ±0%")],
            await RowsAsync(page));
        Assert.Contains("change against #1", await page.Locator("[data-testid=coverage] h2").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True((await server.GetBuildAsync("gated", second)).GetProperty("build").GetProperty("building").GetBoolean());

        // And the job page's trend has both builds while build 2 still runs: line 65 % then 85 %, branch 33.33 % then 66.67 %
        await page.GotoAsync($"{server.BaseUrl}/job/gated/");
        await page.Locator($"[data-testid=coverage-trend] circle[data-number='{second}'][data-metric=line]").WaitForAsync(new() { Timeout = 20_000 });
        Assert.Equal([("1", "line", "65"), ("2", "line", "85"), ("1", "branch", "33.33"), ("2", "branch", "66.67")], await PointsAsync(page));
        Assert.Equal("Line 85.00% · Branch 66.67% (#2)", await page.Locator("[data-testid=coverage-latest]").InnerTextAsync());
        Assert.True((await server.GetBuildAsync("gated", second)).GetProperty("build").GetProperty("building").GetBoolean());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("coverage-trend.png"), FullPage = true });

        await page.GotoAsync($"{server.BaseUrl}/job/gated/{second}/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Finish" }).ClickAsync(new() { Timeout = 20_000 });
        await server.WaitFinishedAsync("gated", second);
    }

    [Fact]
    public async Task FinishedBuild_BuildPageShowsCoverageWithoutAReferenceFirst()
    {
        await using var server = await TestServer.StartRealAsync(("cov", CoverageJenkinsfiles.TwoRecorders));
        var number = await server.TriggerAsync("cov");
        await server.WaitFinishedAsync("cov", number);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{server.BaseUrl}/job/cov/{number}/");
        await page.Locator("[data-testid=coverage] tr[data-tool=Cobertura]").WaitForAsync(new() { Timeout = 20_000 });

        Assert.Equal(
            [("JaCoCo (recordCoverage)", "60.00% (6/10)", "25.00% (1/4)"), ("Cobertura (cobertura)", "70.00% (7/10)", "50.00% (1/2)")],
            await RowsAsync(page));
        Assert.Equal("Coverage", await page.Locator("[data-testid=coverage] h2").InnerTextAsync());
    }

    /// <summary>Build 1 of the gated job, answering its two inputs in the page.</summary>
    private static async Task FinishFirstAsync(TestServer server, IPage page)
    {
        var first = await server.TriggerAsync("gated");
        await page.GotoAsync($"{server.BaseUrl}/job/gated/{first}/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync(new() { Timeout = 20_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Finish" }).ClickAsync(new() { Timeout = 20_000 });

        await server.WaitFinishedAsync("gated", first);
    }

    private static async Task<List<(string, string, string)>> RowsAsync(IPage page)
    {
        var rows = new List<(string, string, string)>();
        foreach (var row in await page.Locator("[data-testid=coverage] tr[data-tool]").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            rows.Add((cells[0], cells[1].Trim(), cells[2].Trim()));
        }

        return rows;
    }

    private static async Task<List<(string?, string?, string?)>> PointsAsync(IPage page)
    {
        var points = new List<(string?, string?, string?)>();
        foreach (var dot in await page.Locator("[data-testid=coverage-trend] circle").AllAsync())
        {
            points.Add((await dot.GetAttributeAsync("data-number"), await dot.GetAttributeAsync("data-metric"), await dot.GetAttributeAsync("data-percent")));
        }

        return points;
    }
}
