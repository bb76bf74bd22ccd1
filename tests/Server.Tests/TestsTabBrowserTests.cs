using ContainerCd.Server.Tests.Support;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>The Tests tab and the test trend in headless Chromium against a real server.</summary>
public sealed class TestsTabBrowserTests
{
    [Fact]
    public async Task ExampleBuild_TestsTab_ListsTheThreeFailuresFirstWithTheirStage()
    {
        // Given the examples/tests job built once
        await using var server = await TestReportApiTests.ExampleServerAsync();
        var number = await server.TriggerAsync("tests");
        await server.WaitFinishedAsync("tests", number);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        // When the build page's Tests link is followed
        await page.GotoAsync($"{server.BaseUrl}/job/tests/{number}/");
        await page.GetByText("Tests: 3 failed of 9").ClickAsync();
        await page.WaitForURLAsync($"**/job/tests/{number}/testReport");
        await page.Locator("[data-testid=tests][data-complete] .test").First.WaitForAsync(new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("tests-tab.png"), FullPage = true });

        // Then the three failures come first, each with its stage, and the first one's details are shown
        Assert.Equal("9 tests, 3 failed, 1 skipped, 5 passed", await page.Locator("[data-testid=tests-summary]").InnerTextAsync());
        var rows = page.Locator("[data-testid=tests] .test");
        var firstThree = new List<(string?, string?, string?)>();
        for (var i = 0; i < 3; i++)
        {
            var row = rows.Nth(i);
            firstThree.Add((await row.GetAttributeAsync("data-status"), await row.GetAttributeAsync("data-stage"), await row.GetAttributeAsync("data-name")));
        }

        Assert.Equal([("FAILED", "Unit", "divides"), ("FAILED", "Unit", "dividesByZero"), ("FAILED", "Integration", "test_orders")], firstThree);
        Assert.Equal(3, await page.Locator("[data-testid=tests] .test[data-status=FAILED]").CountAsync());
        Assert.Contains("expected: <2> but was: <3>", await page.Locator("[data-testid=test-details]").InnerTextAsync(), StringComparison.Ordinal);

        // And a failure links to its stage's log
        await page.Locator("[data-testid=tests] .test[data-name=test_orders]").ClickAsync();
        await page.Locator("[data-testid=test-details]").GetByText("Stage log").ClickAsync();
        await page.WaitForURLAsync($"**/job/tests/{number}/stage/**");
        await page.Locator("[data-testid=log] .line", new() { HasTextString = "Recording test results" }).First.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(0, await page.Locator("[data-testid=log] .line", new() { HasTextString = "Unit: 5 tests" }).CountAsync());

        // And the filter narrows the list, and the job page shows the trend
        await page.GoBackAsync();
        await page.Locator("[data-testid=tests][data-complete]").WaitForAsync(new() { Timeout = 10_000 });
        await page.Locator("[data-testid=tests-filter]").FillAsync("test_api");
        await page.Locator("[data-testid=tests] .test[data-name=adds]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(4, await page.Locator("[data-testid=tests] .test").CountAsync());
        await page.GotoAsync($"{server.BaseUrl}/job/tests/");
        await page.Locator("[data-testid=test-trend] svg rect").First.WaitForAsync(new() { Timeout = 10_000 });
    }
}
