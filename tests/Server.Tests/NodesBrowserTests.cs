using ContainerCd.Server.Hosting;
using ContainerCd.Server.Tests.Support;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>
/// The Nodes page in headless Chromium against a real server: the built-in node's busy executor linked to its build,
/// refreshed live, and an engine that does not answer shown offline with the reason, its markup-like name as text.
/// </summary>
public sealed class NodesBrowserTests
{
    [Fact]
    public async Task NodesPage_BusyExecutorLinksToItsBuild_OfflineEngineShowsItsReasonAsText()
    {
        // Given a server with 2 executors, one running a build until released, and an engine named like markup that does not answer
        const string name = "<i>n1<i>";
        var silent = NodeSeams.Silent();
        await using var nodes = new NodeSeams(NodeSeams.Engine(name, silent, 1, "<script>window.injected=1</script>"));
        await using var server = await TestServer.StartAsync(new ServeSettings("http://127.0.0.1:0", TestServer.NewHome(), null, 2) { NodeCheckInterval = TimeSpan.FromSeconds(1) },
            null, ServerSeams.Default with { Nodes = nodes.Nodes }, "slow");
        var release = new TaskCompletionSource();
        server.Executor.Add("slow", Scripts.UntilReleased(release.Task));
        var number = await server.TriggerAsync("slow");
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        // When the Nodes page is opened from the navigation
        await page.GotoAsync(server.BaseUrl + "/");
        await page.Locator("[data-testid=nav-nodes]").ClickAsync();
        await page.WaitForURLAsync("**/computer/");
        var builtIn = page.Locator("tr[data-node='(built-in)']");
        var buildLink = builtIn.GetByRole(AriaRole.Link, new() { Name = $"slow #{number}" });
        await buildLink.WaitForAsync(new() { Timeout = 30_000 });

        // Then the built-in node shows 1 of 2 executors busy, with the build linked to its page
        Assert.Contains("1 of 2 busy", await builtIn.Locator("[data-testid=node-executors]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal($"/job/slow/{number}/", await buildLink.GetAttributeAsync("href"));
        Assert.Equal("built-in", await builtIn.Locator("[data-testid=node-labels]").InnerTextAsync());

        // And the engine is offline with the reason, its name, labels and reason set as text, not markup
        var engine = page.Locator($"tr[data-node='{name}'][data-online=false]");
        await engine.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(name, await engine.Locator("[data-testid=node-name]").InnerTextAsync());
        Assert.Equal(silent, await engine.Locator("[data-testid=node-endpoint]").InnerTextAsync());
        Assert.Equal($"<script>window.injected=1</script> {name}", await engine.Locator("[data-testid=node-labels]").InnerTextAsync());
        Assert.StartsWith($"Cannot contact {name}: the Docker engine at {silent} does not answer", await engine.Locator("[data-testid=node-reason]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await engine.Locator("i, script").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("window.injected"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("nodes.png"), FullPage = true });

        // When the build ends, then the page shows its executor idle without a reload
        release.SetResult();
        await page.Locator("tr[data-node='(built-in)'] [data-testid=node-executors]:has-text('0 of 2 busy')").WaitForAsync(new() { Timeout = 30_000 });

        // And following a build link opens the build's page
        var hold = new TaskCompletionSource();
        server.Executor.Add("slow", Scripts.UntilReleased(hold.Task));
        var second = await server.TriggerAsync("slow");
        var secondLink = builtIn.GetByRole(AriaRole.Link, new() { Name = $"slow #{second}" });
        await secondLink.WaitForAsync(new() { Timeout = 30_000 });
        await secondLink.ClickAsync();
        await page.WaitForURLAsync($"**/job/slow/{second}/");
        hold.SetResult();
    }
}
