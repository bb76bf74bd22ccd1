using System.Collections.Concurrent;
using ContainerCd.Server.Tests.Support;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>
/// The Tests tab of a build of many pages in headless Chromium against a real server: it asks for the pages that
/// come into view and never for the whole report; the status and the filter are applied by the server.
/// </summary>
public sealed class TestsTabPagingBrowserTests
{
    [Fact]
    public async Task ManyPages_ScrollToTheEndThenStatusAndFilter_FetchOnlyThePagesInView()
    {
        // Given a build of 2,000 cases (Unit: 1,500, 30 failing; Integration: 500, 5 failing), and the tab's requests recorded
        await using var server = await TestsTabApiTests.PagedServerAsync(1500, 50, 500, 100);
        var number = await server.TriggerAsync("paged");
        await server.WaitFinishedAsync("paged", number);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var requests = new ConcurrentQueue<Uri>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains($"/builds/{number}/tests", StringComparison.Ordinal))
            {
                requests.Enqueue(new Uri(request.Url));
            }
        };
        var errors = new ConcurrentQueue<string>();
        page.PageError += (_, error) => errors.Enqueue(error);
        var tests = page.Locator("[data-testid=tests]");

        // When the tab opens
        await page.GotoAsync($"{server.BaseUrl}/job/paged/{number}/testReport");
        await page.Locator("[data-testid=tests][data-complete] .test").First.WaitForAsync(new() { Timeout = 30_000 });

        // Then it asked once, for one page with the layout, and lists the first failure of Unit with its details
        Assert.Equal(["status=all&from=0&count=100&layout=true"], requests.Select(r => r.Query.TrimStart('?')));
        Assert.Equal(("FAILED", "Unit", "test49"), await RowAsync(tests.Locator(".test").First));
        Assert.Contains("java.lang.AssertionError", await page.Locator("[data-testid=test-details]").InnerTextAsync(), StringComparison.Ordinal);

        // When the list is scrolled to its end
        await tests.EvaluateAsync("box => box.scrollTop = box.scrollHeight");
        await tests.Locator(".test[data-name=test498][data-stage=Integration]").WaitForAsync(new() { Timeout = 15_000 });

        // Then the last case is shown, fetched with the page before it (for the rows above) and nothing in between
        Assert.Equal(("PASSED", "Integration", "test498"), await RowAsync(tests.Locator(".test").Last));
        var pages = requests.Skip(1).Select(r => r.Query.TrimStart('?')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["status=all&from=1900&count=100"], pages.Where(p => p.EndsWith("from=1900&count=100", StringComparison.Ordinal)));
        Assert.True(pages.Count <= 3, "pages asked for at the end: " + string.Join(", ", pages));
        Assert.All(requests, r => Assert.Contains("count=100", r.Query, StringComparison.Ordinal));

        // When only the failures are asked for, then filtered by a suite
        await page.Locator("[data-testid=tests-status]").SelectOptionAsync("failed");
        await page.Locator("[data-testid=tests][data-matched='35'][data-complete]").WaitForAsync(new() { Timeout = 15_000 });
        var failedStatuses = await tests.Locator(".test").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.status)");
        await page.Locator("[data-testid=tests-filter]").FillAsync("suite3 ");
        await page.Locator("[data-testid=tests][data-matched='3'][data-complete]").WaitForAsync(new() { Timeout = 15_000 });

        // Then the server answered each (the status and the text in the requests) and the list holds only what matched
        Assert.NotEmpty(failedStatuses);
        Assert.All(failedStatuses, s => Assert.Equal("FAILED", s));
        Assert.Contains(requests, r => r.Query.Contains("status=failed&from=0", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Query.EndsWith("&q=suite3%20&layout=true", StringComparison.Ordinal));
        var filtered = new List<(string?, string?, string?)>();
        foreach (var row in await tests.Locator(".test").AllAsync())
        {
            filtered.Add(await RowAsync(row));
        }

        Assert.Equal([("FAILED", "Unit", "test349"), ("FAILED", "Unit", "test399"), ("FAILED", "Integration", "test399")], filtered);
        Assert.DoesNotContain(requests, r => !r.Query.Contains("count=100", StringComparison.Ordinal));
        Assert.Empty(errors);
    }

    private static async Task<(string?, string?, string?)> RowAsync(ILocator row) =>
        (await row.GetAttributeAsync("data-status"), await row.GetAttributeAsync("data-stage"), await row.GetAttributeAsync("data-name"));
}
